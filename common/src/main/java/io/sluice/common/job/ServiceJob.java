package io.sluice.common.job;

import io.sluice.common.http.HttpSourceOptions;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One Sluice service as a Flink job (Streams, Firehose, ...), as the embedded run starts it: found by
 * {@link java.util.ServiceLoader} on the classpath, so the launcher names no service. On a cluster each
 * job is submitted on its own through its {@code main}.
 */
public interface ServiceJob {

    /** The job's name, e.g. {@code sluice-ingest}. */
    String jobName();

    /** The order in which the embedded run starts the services (lower first). */
    int startOrder();

    /** The endpoint's HTTP options (its port and endpoint count are checked against the other services'). */
    HttpSourceOptions httpOptions();

    /** How many HTTP endpoints (source readers) the job serves, from {@code conf}. */
    int endpoints(Configuration conf);

    /**
     * Where the job's checkpoints live under the embedded run's data directory; the job resumes from the
     * newest one found there.
     */
    Path checkpointsDir(Path dataDir);

    /** Settings the embedded run adds for this service (e.g. where local buckets live), unless configured. */
    default void embeddedDefaults(Configuration conf, Path dataDir) {}

    /** The configuration completed with the job's own defaults. */
    Configuration withDefaults(Configuration conf);

    /** Adds the job's graph to {@code env}. */
    void build(StreamExecutionEnvironment env, Configuration conf);

    /**
     * Runs the job on a Flink cluster ({@code flink run <job>.jar [key=value ...]}): the cluster's {@code config.yaml}
     * ({@code $FLINK_CONF_DIR}) first, the arguments on top, then the job's defaults for what neither says.
     */
    default void runOnCluster(String[] args) throws Exception {
        Configuration conf = GlobalConfiguration.loadConfiguration();
        conf.addAll(ConfigArgs.parse(args));
        conf = withDefaults(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        build(env, conf);
        env.execute(jobName());
    }
}
