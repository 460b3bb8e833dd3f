package io.sluice.ingest.embedded;

import io.sluice.common.http.HttpSourceOptions;
import io.sluice.ingest.IngestJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Sluice in one process: a local Flink MiniCluster (Web UI on 8081) running the ingest job, the
 * Kinesis endpoint on {@code http://localhost:4567}, the Kinesis metrics on {@code http://localhost:9249/metrics}
 * (Prometheus), checkpoints and the shards' RocksDB under the data directory. Started
 * again, it resumes from the latest retained checkpoint, so streams and records survive restarts. One instance
 * runs per data directory ({@link DataDirectoryLock}); a second one on the same directory exits at once.
 *
 * <p>Configuration comes from {@code flink-conf/config.yaml} and {@code key=value} arguments (see README).
 */
public final class SluiceEmbedded {

    private static final Logger LOG = LoggerFactory.getLogger(SluiceEmbedded.class);

    private SluiceEmbedded() {}

    public static void main(String[] args) throws Exception {
        Configuration conf = EmbeddedConfiguration.load(args);
        Path dataDir = Path.of(conf.get(EmbeddedOptions.DATA_DIR)).toAbsolutePath();
        try (DataDirectoryLock lock = lockOrExit(dataDir)) {
            run(conf, dataDir);
        }
    }

    /** Runs the MiniCluster and the ingest job until the job ends; the caller holds the data directory's lock. */
    private static void run(Configuration conf, Path dataDir) throws Exception {
        Path checkpoints = dataDir.resolve("checkpoints");
        if (!conf.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        }
        if (!conf.contains(RocksDBOptions.LOCAL_DIRECTORIES)) {
            // The shards' working RocksDB lives beside the checkpoints, not in /tmp, so that the data directory
            // holds all the state and its size on disk is the size of what Sluice retains. A start rebuilds it
            // from the checkpoint, so what a killed process left there is only garbage.
            Path rocksdb = dataDir.resolve("rocksdb");
            deleteTree(rocksdb);
            conf.set(RocksDBOptions.LOCAL_DIRECTORIES, rocksdb.toString());
        }
        if (!conf.contains(RestOptions.PORT)) {
            conf.set(RestOptions.PORT, 8081);
        }
        int prometheusPort = conf.get(EmbeddedOptions.PROMETHEUS_PORT);
        boolean reporterConfigured = conf.keySet().stream().anyMatch(k -> k.startsWith("metrics.reporter."));
        if (prometheusPort >= 0 && !reporterConfigured) {
            conf.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            conf.setString("metrics.reporter.prom.port", String.valueOf(prometheusPort));
        }
        Optional<Path> latest = RetainedCheckpoints.latest(checkpoints);
        if (latest.isPresent() && !conf.contains(StateRecoveryOptions.SAVEPOINT_PATH)) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, latest.get().toUri().toString());
            // Take ownership of the restored checkpoint so that Flink deletes it once subsumed (NO_CLAIM would
            // leave a full copy of every shard behind on each restart).
            if (!conf.contains(StateRecoveryOptions.RESTORE_MODE)) {
                conf.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
            }
            LOG.info("Resuming from retained checkpoint {}", latest.get());
        }
        conf = IngestJob.withDefaults(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        IngestJob.build(env, conf);
        LOG.info("Sluice embedded: Kinesis endpoint on port {}, Flink Web UI on http://localhost:{}, data in {}",
                conf.get(HttpSourceOptions.PORT), conf.get(RestOptions.PORT), dataDir);
        env.execute("sluice-ingest");
    }

    /**
     * Locks the data directory before anything under it is read or deleted; if another instance holds it, says so
     * and exits with status 1 (a second instance would otherwise delete the first one's RocksDB and restore from
     * checkpoints that the first one is about to subsume).
     */
    private static DataDirectoryLock lockOrExit(Path dataDir) throws IOException {
        try {
            return DataDirectoryLock.acquire(dataDir);
        } catch (DataDirectoryLock.LockedException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            throw new AssertionError("unreachable");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
