package io.sluice.ingest;

import io.sluice.common.http.HttpSourceOptions;
import io.sluice.common.job.ServiceJob;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The Streams service ({@link IngestJob}) for the embedded run; its checkpoints stay in {@code <data-dir>/checkpoints}. */
public final class IngestService implements ServiceJob {

    @Override
    public String jobName() {
        return "sluice-ingest";
    }

    @Override
    public int startOrder() {
        return 0;
    }

    @Override
    public HttpSourceOptions httpOptions() {
        return HttpSourceOptions.STREAMS;
    }

    @Override
    public int endpoints(Configuration conf) {
        return conf.get(IngestOptions.HTTP_ENDPOINTS);
    }

    @Override
    public Path checkpointsDir(Path dataDir) {
        return dataDir.resolve("checkpoints");
    }

    @Override
    public Configuration withDefaults(Configuration conf) {
        return IngestJob.withDefaults(conf);
    }

    @Override
    public void build(StreamExecutionEnvironment env, Configuration conf) {
        IngestJob.build(env, conf);
    }
}
