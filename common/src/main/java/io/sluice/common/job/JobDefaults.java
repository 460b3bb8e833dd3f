package io.sluice.common.job;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.flink.changelog.fs.FsStateChangelogOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.rocksdb.CompressionType;

/**
 * The Flink settings every Sluice service job runs with unless the configuration says otherwise: each
 * is a request/response service whose answers wait for a checkpoint, so they share one set of defaults,
 * each explained by the figure that chose it.
 */
public final class JobDefaults {

    private JobDefaults() {}

    /**
     * Fills in what the job needs and the configuration does not say: RocksDB with incremental
     * checkpoints behind the state changelog, a short checkpoint interval, retained checkpoints, no
     * network buffer timeout (answers must not wait for a buffer to fill), and no Kryo fallback.
     */
    public static Configuration withDefaults(Configuration given, Duration checkpointInterval) {
        Configuration conf = new Configuration(given);
        setIfAbsent(conf, StateBackendOptions.STATE_BACKEND, "rocksdb");
        setIfAbsent(conf, CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        // Durable answers wait for the checkpoint. Without the changelog a checkpoint flushes RocksDB and copies
        // every new SST file (compaction output included) before it completes; with it, a checkpoint persists just
        // the state changes since the previous one and RocksDB is materialized in the background. Measured with
        // the load generator (500 x 1 KiB, 4 in flight, 2 cores): 3.9k -> 13.7k records/s, put p50 391 -> 127 ms.
        Optional<String> checkpoints = conf.getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY);
        if (checkpoints.isPresent() && !conf.contains(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG)) {
            conf.set(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG, true);
            setIfAbsent(conf, StateChangelogOptions.STATE_CHANGE_LOG_STORAGE, "filesystem");
            setIfAbsent(conf, FsStateChangelogOptions.BASE_PATH, checkpoints.get().replaceAll("/+$", "") + "/changelog");
            // Materialize every minute. Every checkpoint's metadata lists each changelog segment since the last
            // materialization, so at a 100 ms interval its size and cost grow with the time since then: with Flink's
            // 10 min, a durable soak (bin/bench soak, 500 x 1 KiB, 8 in flight) fell from 31.7k to 15.0k records/s
            // over 8 minutes as _metadata grew to 1 MB. At 1 min it held 29-32k for 6 minutes (metadata < 150 KB);
            // the price is one materialization a minute, which stalls the overlapping checkpoint for up to ~3.5 s
            // (put p99.9), where 30 s stalled twice as often for no gain in throughput.
            setIfAbsent(conf, StateChangelogOptions.PERIODIC_MATERIALIZATION_INTERVAL, Duration.ofMinutes(1));
        }
        // Shard data is written once and read soon: L0 and L1 are left uncompressed (compaction there is most of
        // RocksDB's CPU), older levels use LZ4.
        setIfAbsent(conf, RocksDBConfigurableOptions.COMPRESSION_PER_LEVEL,
                List.of(CompressionType.NO_COMPRESSION, CompressionType.NO_COMPRESSION, CompressionType.LZ4_COMPRESSION));
        setIfAbsent(conf, CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        setIfAbsent(conf, CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        setIfAbsent(conf, PipelineOptions.GENERIC_TYPES, false);
        // Keyed state is split into this many key groups; fixed so that later rescaling can restore.
        setIfAbsent(conf, PipelineOptions.MAX_PARALLELISM, 128);
        // A request/response service: flush network buffers per record. Measured with the first load probe at one call in
        // flight: Flink's 100 ms default gave put p99 256 ms and visibility p50 176 ms; 0 ms gave 124 ms and 103 ms.
        setIfAbsent(conf, ExecutionOptions.BUFFER_TIMEOUT, Duration.ZERO);
        return conf;
    }

    /** Sets {@code option} to {@code value} unless the configuration already has it. */
    public static <T> void setIfAbsent(Configuration conf, ConfigOption<T> option, T value) {
        if (!conf.contains(option)) {
            conf.set(option, value);
        }
    }
}
