package io.sluice.ingest.embedded;

import io.sluice.common.job.EmbeddedAddOn;
import io.sluice.common.job.ServiceJob;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.PluginUtils;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Sluice in one process: one local Flink MiniCluster (Web UI on 8081) running every service job on the
 * classpath ({@link ServiceJob}): Streams with the Kinesis endpoint on {@code http://localhost:4567}, Firehose on
 * {@code http://localhost:4573}; beside the cluster, the {@link EmbeddedAddOn}s on the classpath (the SQL Gateway on
 * {@code http://localhost:8083}); the metrics on {@code http://localhost:9249/metrics} (Prometheus); checkpoints,
 * local buckets and the jobs' RocksDB under the data directory. Started again, each job resumes from its latest
 * retained checkpoint, so streams, delivery streams and records survive restarts. One instance
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
        } catch (AddOnFailed e) {
            LOG.error("Sluice embedded stops", e);
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Starts a MiniCluster sized for every service on the classpath and submits each service's job (each with its own
     * checkpoints under the data directory, resumed from the newest one), then runs until a job ends. The caller
     * holds the data directory's lock.
     */
    private static void run(Configuration conf, Path dataDir) throws Exception {
        List<ServiceJob> services = ServiceLoader.load(ServiceJob.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparingInt(ServiceJob::startOrder))
                .toList();
        EndpointPorts.check(conf, services);
        if (!conf.contains(RocksDBOptions.LOCAL_DIRECTORIES)) {
            // The jobs' working RocksDB lives beside the checkpoints, not in /tmp, so that the data directory
            // holds all the state and its size on disk is the size of what Sluice retains. A start rebuilds it
            // from the checkpoints, so what a killed process left there is only garbage.
            Path rocksdb = dataDir.resolve("rocksdb");
            deleteTree(rocksdb);
            conf.set(RocksDBOptions.LOCAL_DIRECTORIES, rocksdb.toString());
        }
        if (!conf.contains(RestOptions.PORT)) {
            conf.set(RestOptions.PORT, 8081);
        }
        // Flink's cluster entrypoints configure the file systems; a MiniCluster does not. Without this, s3a:// (the
        // Firehose buckets when s3.endpoint is set) would ignore every s3.* key: no endpoint, no credentials.
        FileSystem.initialize(conf, PluginUtils.createPluginManagerFromRootFolder(conf));
        int prometheusPort = conf.get(EmbeddedOptions.PROMETHEUS_PORT);
        boolean reporterConfigured = conf.keySet().stream().anyMatch(k -> k.startsWith("metrics.reporter."));
        if (prometheusPort >= 0 && !reporterConfigured) {
            conf.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            conf.setString("metrics.reporter.prom.port", String.valueOf(prometheusPort));
        }
        List<JobGraph> jobs = new ArrayList<>();
        Configuration firstJobConf = conf;
        int slots = conf.get(EmbeddedOptions.SPARE_SLOTS);
        for (ServiceJob service : services) {
            Configuration jobConf = jobConfiguration(service, conf, dataDir, jobs.isEmpty());
            firstJobConf = jobs.isEmpty() ? jobConf : firstJobConf;
            JobGraph job = jobGraph(service, jobConf, conf, dataDir, jobs.isEmpty());
            slots += job.getMaximumParallelism(); // one slot-sharing group: the widest operator's parallelism
            jobs.add(job);
        }
        Configuration clusterConf = clusterConfiguration(conf, firstJobConf);
        MiniClusterConfiguration cluster = new MiniClusterConfiguration.Builder()
                .setConfiguration(clusterConf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(conf.getOptional(TaskManagerOptions.NUM_TASK_SLOTS).orElse(slots))
                .build();
        try (MiniCluster miniCluster = new MiniCluster(cluster)) {
            miniCluster.start();
            List<CompletableFuture<?>> results = new ArrayList<>();
            for (JobGraph job : jobs) {
                miniCluster.submitJob(job).get();
                results.add(miniCluster.requestJobResult(job.getJobID()));
                LOG.info("Submitted {} as job {}", job.getName(), job.getJobID());
            }
            List<EmbeddedAddOn> addOns = new ArrayList<>();
            try {
                List<String> served = startAddOns(conf, miniCluster.getRestAddress().get(), addOns);
                LOG.info("Sluice embedded: {}{}, Flink Web UI on http://localhost:{}, data in {}",
                        EndpointPorts.describe(conf, services), served.stream().map(s -> ", " + s).collect(Collectors.joining()),
                        conf.get(RestOptions.PORT), dataDir);
                Object ended = CompletableFuture.anyOf(results.toArray(CompletableFuture[]::new)).get();
                LOG.error("A Sluice job ended, so the embedded run stops: {}", ended);
            } finally {
                // Before the cluster: the SQL Gateway cancels its sessions' jobs through the cluster's REST API.
                for (EmbeddedAddOn addOn : addOns) {
                    addOn.close();
                }
            }
        }
    }

    /**
     * Starts every {@link EmbeddedAddOn} on the classpath (the SQL Gateway, ...) for the cluster at {@code clusterRest},
     * adding each to {@code started} to be closed with the run; returns what they serve, for the start-up log line.
     */
    private static List<String> startAddOns(Configuration conf, URI clusterRest, List<EmbeddedAddOn> started) throws AddOnFailed {
        List<String> served = new ArrayList<>();
        for (EmbeddedAddOn addOn : ServiceLoader.load(EmbeddedAddOn.class)) {
            started.add(addOn);
            try {
                addOn.start(conf, clusterRest).ifPresent(served::add);
            } catch (Exception e) {
                throw new AddOnFailed(e);
            }
        }
        return served;
    }

    /** An add-on that could not start: the run stops, and says why in one line. */
    private static final class AddOnFailed extends Exception {
        AddOnFailed(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The embedded run's managed memory unless configured: room for RocksDB's memtables in every slot. */
    static final MemorySize EMBEDDED_MANAGED_MEMORY = MemorySize.parse("1g");

    /**
     * The MiniCluster's configuration: the run's, without a restore path, and with the state changelog storage of the
     * first service's job ({@code state.changelog.storage}, {@code state.changelog.dstl.*}: with JobDefaults, files under
     * its checkpoint directory). Flink creates each job's changelog storage from the TaskManager's configuration, not
     * from the job's, so a storage set on the jobs alone is ignored: the changelog then stays in memory (Flink's
     * default) and every checkpoint carries all changes since the last materialization inline in its metadata, which
     * grew to 48 MB within 11 s of Streams load and to 134 MB with one full Firehose buffer, and cut durable
     * throughput about tenfold. Every job of the run writes its changelog there.
     *
     * <p>Managed memory (RocksDB's write buffers and block cache, shared by the slots) is {@link #EMBEDDED_MANAGED_MEMORY}
     * unless {@code taskmanager.memory.managed.size} says otherwise: a MiniCluster's default of 128 MB, split over a
     * dozen slots, left each slot's RocksDB about 5 MB of write buffers, below one 8 MB arena block, so it flushed a
     * memtable every megabyte or so (Flink warns "RocksDB will flush memtable constantly") and compaction took a
     * quarter of the CPU of a Firehose buffer.
     */
    static Configuration clusterConfiguration(Configuration conf, Configuration firstJobConf) {
        Configuration cluster = new Configuration(conf);
        cluster.removeConfig(StateRecoveryOptions.SAVEPOINT_PATH);
        if (!cluster.contains(TaskManagerOptions.MANAGED_MEMORY_SIZE)) {
            cluster.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, EMBEDDED_MANAGED_MEMORY);
        }
        firstJobConf.toMap().forEach((key, value) -> {
            if ((key.equals("state.changelog.storage") || key.startsWith("state.changelog.dstl.")) && !cluster.containsKey(key)) {
                cluster.setString(key, value);
            }
        });
        return cluster;
    }

    /**
     * The service's job configuration: its checkpoints in its own directory under the data directory (the Streams job
     * keeps {@code execution.checkpointing.dir} when it is set), then the service's defaults.
     */
    private static Configuration jobConfiguration(ServiceJob service, Configuration conf, Path dataDir, boolean first) {
        Configuration jobConf = new Configuration(conf);
        jobConf.removeConfig(StateRecoveryOptions.SAVEPOINT_PATH);
        service.embeddedDefaults(jobConf, dataDir);
        if (!first || !conf.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)) {
            jobConf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, service.checkpointsDir(dataDir).toUri().toString());
        }
        return service.withDefaults(jobConf);
    }

    /**
     * The service's job graph, restored as {@link #restoreSettings} says: from {@code execution.state-recovery.path} when
     * the first service is given one, else from the newest retained checkpoint in its checkpoint directory.
     */
    private static JobGraph jobGraph(ServiceJob service, Configuration jobConf, Configuration conf, Path dataDir, boolean first)
            throws IOException {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(jobConf);
        service.build(env, jobConf);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(service.jobName());
        Optional<String> retained = RetainedCheckpoints.latest(service.checkpointsDir(dataDir)).map(p -> p.toUri().toString());
        Optional<SavepointRestoreSettings> restore =
                restoreSettings(conf, first, retained, given -> SavepointCopy.adopt(given, dataDir.resolve("restored")));
        if (restore.isPresent()) {
            graph.setSavepointRestoreSettings(restore.get());
            LOG.info("{} resumes from {}", service.jobName(), restore.get().getRestorePath());
        }
        return graph.getJobGraph();
    }

    /**
     * Where a service's job starts from, in CLAIM mode unless {@code execution.state-recovery.claim-mode} says otherwise:
     * the newest {@code retained} checkpoint of the run's own data directory, taken over so that Flink deletes it once
     * subsumed (NO_CLAIM would leave a full copy of every shard behind on each restart), or, for the first service, what
     * {@code adopt} makes of a given {@code execution.state-recovery.path}. A savepoint given there is the user's, yet the
     * job deletes the files of whatever it restored once the state changelog has materialized the state anew (seen about
     * 25 s after a start, and in MiniCluster tests restored in Flink's default mode), so {@link SavepointCopy} restores
     * a copy under the data directory instead. NO_CLAIM, Flink's default, is not used: the embedded job restored so
     * failed every checkpoint ("does not support enforcing a full snapshot": NO_CLAIM asks for a full first checkpoint,
     * which the changelog backend cannot take).
     */
    static Optional<SavepointRestoreSettings> restoreSettings(
            Configuration conf, boolean first, Optional<String> retained, GivenSnapshot adopt) throws IOException {
        RecoveryClaimMode mode = conf.getOptional(StateRecoveryOptions.RESTORE_MODE).orElse(RecoveryClaimMode.CLAIM);
        Optional<String> given = first ? conf.getOptional(StateRecoveryOptions.SAVEPOINT_PATH) : Optional.empty();
        if (given.isPresent()) {
            return Optional.of(SavepointRestoreSettings.forPath(adopt.restorable(given.get()), false, mode));
        }
        return retained.map(path -> SavepointRestoreSettings.forPath(path, false, mode));
    }

    /** What the run restores for a path it was given to start from. */
    @FunctionalInterface
    interface GivenSnapshot {
        String restorable(String path) throws IOException;
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
