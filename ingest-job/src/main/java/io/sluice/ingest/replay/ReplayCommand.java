package io.sluice.ingest.replay;

import io.sluice.common.job.BuiltJobJar;
import io.sluice.ingest.IngestSettings;
import io.sluice.ingest.embedded.EmbeddedOptions;
import io.sluice.ingest.embedded.RetainedCheckpoints;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code bin/replay}: reads a stream's retained records out of a savepoint or retained checkpoint of the ingest job and
 * writes them to a target, as a bounded job in a local MiniCluster in this JVM, or on the Flink cluster at
 * {@code --rest=HOST:PORT} (which must have Sluice's classes on its classpath, as {@code bin/sluice}'s cluster has).
 * See {@link #USAGE}. Exit status: 0 when replayed, 1 on an error (its message on stderr; nothing written), 2 on a
 * command line that does not parse.
 */
public final class ReplayCommand {

    static final String USAGE = String.join("\n",
            "usage: bin/replay --from=PATH --stream=NAME --to=TARGET [--shards=ID,...] [--start=TIME|SEQ] [--end=TIME|SEQ]",
            "                  [--deaggregate] [--rest=HOST:PORT] [key=value ...]",
            "  --from   a savepoint of the ingest job (default: the embedded run's newest under sluice.data-dir/savepoints, else its",
            "           latest retained checkpoint)",
            "  --start, --end  inclusive; an arrival time (2026-12-05T12:00:00Z or epoch ms) or a sequence number (one shard)",
            "  --to     " + ReplayTargets.KNOWN,
            "  --rest   run on the Flink cluster at HOST:PORT instead of a local MiniCluster in this process");

    /** Name of the accumulator that counts replayed records. */
    static final String RECORDS = "replayed-records";

    private final Path root;
    private final PrintStream out;
    private final PrintStream err;

    /** @param root the directory a relative {@code sluice.data-dir} and {@code flink-conf/} are under (the repository's root) */
    public ReplayCommand(Path root, PrintStream out, PrintStream err) {
        this.root = root;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("sluice.root", "")).toAbsolutePath();
        System.exit(new ReplayCommand(root, System.out, System.err).execute(args));
    }

    /** Runs one replay; returns the exit status. */
    public int execute(String[] args) {
        ReplayArguments cli;
        try {
            cli = ReplayArguments.parse(args);
        } catch (ReplayArguments.UsageException e) {
            err.println("bin/replay: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            long records = replay(cli);
            return records > 0 ? 0 : 1;
        } catch (ReplayException e) {
            err.println("bin/replay: " + e.getMessage());
            return 1;
        }
    }

    private long replay(ReplayArguments cli) throws ReplayException {
        Configuration conf = configuration(cli);
        ReplayQuery query = ReplayQuery.of(cli.option("stream").orElse(null))
                .withShards(cli.shards())
                .withRange(bound(cli, "start"), bound(cli, "end"))
                .withDeaggregation(cli.deaggregate())
                .validated();
        ReplayTarget target = ReplayTargets.parse(cli.option("to").orElse(null), conf);
        Optional<String> from = cli.option("from");
        ShardLogSavepoint savepoint = from.isPresent() ? ShardLogSavepoint.open(from.get()) : defaultSource(conf);
        ReplayPlan plan = savepoint.plan(environment(cli, conf), query);
        target.prepare();
        long records;
        long jobMillis;
        long readMillis;
        try {
            StreamExecutionEnvironment env = environment(cli, conf);
            DataStream<ReplayedRecord> read = savepoint.records(env, plan, IngestSettings.from(conf));
            DataStream<ReplayedRecord> replayed = read
                    .map(new ReplayCounter()).setParallelism(read.getParallelism()).name("Count").uid("replay-count")
                    .returns(ReplayedRecordSerializer.TYPE);
            target.attach(replayed);
            JobExecutionResult result = env.execute("Replay " + plan.stream() + " from " + savepoint.path() + " into " + target.describe());
            jobMillis = result.getNetRuntime(TimeUnit.MILLISECONDS);
            Long started = result.getAccumulatorResult(ShardLogInputFormat.READ_STARTED);
            Long ended = result.getAccumulatorResult(ShardLogInputFormat.READ_ENDED);
            readMillis = started == null || ended == null ? -1 : Math.max(1, ended - started);
            Long counted = result.getAccumulatorResult(RECORDS);
            records = counted == null ? 0 : counted;
        } catch (Exception e) {
            target.abort();
            throw new ReplayException("The replay failed: " + ShardLogSavepoint.rootMessage(e), e);
        }
        if (records == 0) {
            target.abort();
            throw new ReplayException("The range is empty: stream " + plan.stream() + " holds no records"
                    + describeRange(query) + " in " + savepoint.path() + "; nothing was written");
        }
        target.commit(records);
        out.println("Replayed " + records + " records of stream " + plan.stream() + " (" + plan.shards().size() + " shards) from "
                + savepoint.path() + " into " + target.describe() + String.format(Locale.ROOT, " (the replay job ran %.1f s", jobMillis / 1000.0)
                + (readMillis < 0 ? ")" : String.format(Locale.ROOT, ", reading %.1f s: %d records/s)", readMillis / 1000.0, records * 1000 / readMillis)));
        return records;
    }

    private static String describeRange(ReplayQuery query) {
        String shards = query.shardIds().isEmpty() ? "" : " in " + String.join(", ", query.shardIds());
        String start = query.start() == null ? "" : " from " + query.start();
        String end = query.end() == null ? "" : " up to " + query.end();
        return shards + start + end;
    }

    private static ReplayBound bound(ReplayArguments cli, String name) throws ReplayException {
        Optional<String> text = cli.option(name);
        return text.isEmpty() ? null : ReplayBound.parse("--" + name, text.get());
    }

    /** {@code flink-conf/config.yaml} (or {@code $SLUICE_CONF_DIR}'s) under the root, then the command line's key=value. */
    private Configuration configuration(ReplayArguments cli) {
        String dir = System.getenv().getOrDefault("SLUICE_CONF_DIR", root.resolve("flink-conf").toString());
        Configuration conf = Files.isRegularFile(Path.of(dir, "config.yaml")) ? GlobalConfiguration.loadConfiguration(dir) : new Configuration();
        // The embedded run's settings, not its identity: a local replay beside a running bin/sluice must not take its
        // REST port (rest.port in config.yaml), nor restore what the run is told to restore.
        conf.removeConfig(RestOptions.PORT);
        conf.removeConfig(RestOptions.BIND_PORT);
        conf.removeConfig(StateRecoveryOptions.SAVEPOINT_PATH);
        conf.addAll(cli.configuration());
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        return conf;
    }

    /**
     * A fresh environment: the cluster at {@code --rest}, else a local one (the context's when a test runs this in-process).
     * To a cluster the job ships the ingest job jar that {@code mvn package} built ({@link BuiltJobJar}), so that a stock
     * Flink cluster runs it, unless {@code pipeline.jars} says otherwise.
     */
    private StreamExecutionEnvironment environment(ReplayArguments cli, Configuration conf) throws ReplayException {
        Optional<String> rest = cli.option("rest");
        if (rest.isEmpty()) {
            return StreamExecutionEnvironment.getExecutionEnvironment(conf);
        }
        String address = rest.get();
        int colon = address.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (RuntimeException e) {
            throw new ReplayException("--rest=" + address + " is not HOST:PORT");
        }
        Configuration remote = new Configuration(conf);
        remote.set(DeploymentOptions.TARGET, "remote");
        remote.set(DeploymentOptions.ATTACHED, true); // the command waits for the job: its count decides commit or abort
        remote.set(RestOptions.ADDRESS, address.substring(0, colon));
        remote.set(RestOptions.PORT, port);
        if (!remote.contains(PipelineOptions.JARS)) {
            BuiltJobJar.of(root, "ingest-job").ifPresent(jar -> remote.set(PipelineOptions.JARS, List.of(jar.toUri().toString())));
        }
        return new StreamExecutionEnvironment(remote);
    }

    /**
     * What to replay without {@code --from}, opened: the embedded run's newest savepoint of the ingest job under
     * {@code sluice.data-dir}/savepoints (where README's REST call puts them), else its newest retained checkpoint under {@code sluice.data-dir}/checkpoints
     * (which the default, changelog, configuration makes unreadable: {@link ShardLogSavepoint#open} then says so).
     */
    private ShardLogSavepoint defaultSource(Configuration conf) throws ReplayException {
        Path dataDir = root.resolve(conf.get(EmbeddedOptions.DATA_DIR));
        Path savepoints = dataDir.resolve("savepoints");
        Path checkpoints = dataDir.resolve("checkpoints");
        try {
            // The newest savepoint of the ingest job: the Firehose job's savepoints may be there too.
            for (Path candidate : RetainedCheckpoints.savepointsNewestFirst(savepoints)) {
                try {
                    return ShardLogSavepoint.open(candidate.toUri().toString());
                } catch (ReplayException notTheIngestJobs) {
                    // another job's savepoint (or a broken one): look further
                }
            }
            Path checkpoint = RetainedCheckpoints.latest(checkpoints)
                    .orElseThrow(() -> new ReplayException("No --from given, and no savepoint under " + savepoints + " nor retained checkpoint under "
                            + checkpoints + ": name a savepoint of the ingest job with --from=PATH (README, Replay, tells how to take one)"));
            return ShardLogSavepoint.open(checkpoint.toUri().toString());
        } catch (IOException e) {
            throw new ReplayException("Cannot look for savepoints and checkpoints under " + dataDir + ": " + e.getMessage(), e);
        }
    }
}
