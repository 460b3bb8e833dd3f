package io.sluice.ingest.replay;

import io.sluice.ingest.IngestSettings;
import io.sluice.ingest.embedded.EmbeddedOptions;
import io.sluice.ingest.embedded.RetainedCheckpoints;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.GlobalConfiguration;
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
            "  --from   a savepoint of the ingest job (default: the embedded run's latest retained checkpoint under sluice.data-dir)",
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
        String from = cli.option("from").orElse(null);
        if (from == null) {
            from = latestRetainedCheckpoint(conf);
        }
        ShardLogSavepoint savepoint = ShardLogSavepoint.open(from);
        ReplayPlan plan = savepoint.plan(environment(cli, conf), query);
        target.prepare();
        long records;
        try {
            StreamExecutionEnvironment env = environment(cli, conf);
            DataStream<ReplayedRecord> replayed = savepoint.records(env, plan, IngestSettings.from(conf))
                    .map(new ReplayCounter()).setParallelism(1).name("Count").uid("replay-count")
                    .returns(ReplayedRecordSerializer.TYPE);
            target.attach(replayed);
            JobExecutionResult result = env.execute("Replay " + plan.stream() + " from " + savepoint.path() + " into " + target.describe());
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
                + savepoint.path() + " into " + target.describe());
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

    /** A fresh environment: the cluster at {@code --rest}, else a local one (the context's when a test runs this in-process). */
    private static StreamExecutionEnvironment environment(ReplayArguments cli, Configuration conf) throws ReplayException {
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
        return new StreamExecutionEnvironment(remote);
    }

    /** The embedded run's newest retained checkpoint of the Streams job, under {@code sluice.data-dir}/checkpoints. */
    private String latestRetainedCheckpoint(Configuration conf) throws ReplayException {
        Path checkpoints = root.resolve(conf.get(EmbeddedOptions.DATA_DIR)).resolve("checkpoints");
        try {
            return RetainedCheckpoints.latest(checkpoints).map(p -> p.toUri().toString())
                    .orElseThrow(() -> new ReplayException("No --from given, and no retained checkpoint under " + checkpoints
                            + ": name a savepoint of the ingest job with --from=PATH (README, Replay, tells how to take one)"));
        } catch (IOException e) {
            throw new ReplayException("Cannot look for retained checkpoints under " + checkpoints + ": " + e.getMessage(), e);
        }
    }
}
