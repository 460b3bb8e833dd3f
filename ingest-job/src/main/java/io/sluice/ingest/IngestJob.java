package io.sluice.ingest;

import io.sluice.common.http.ApiCall;
import io.sluice.common.http.ApiReply;
import io.sluice.common.http.HttpEndpointSettings;
import io.sluice.common.http.HttpEndpoints;
import io.sluice.common.serialization.JacksonTypeInfo;
import io.sluice.common.serialization.SerializerTypeInfo;
import io.sluice.ingest.catalog.StreamCatalog;
import io.sluice.ingest.catalog.StreamChange;
import io.sluice.ingest.catalog.StreamRegistry;
import io.sluice.ingest.reply.KinesisReplyAssembler;
import io.sluice.ingest.routing.ApiRouter;
import io.sluice.ingest.routing.StreamCommand;
import io.sluice.ingest.routing.StreamCommandSerializer;
import io.sluice.ingest.shard.ShardCommand;
import io.sluice.ingest.shard.ShardCommandSerializer;
import io.sluice.ingest.shard.ShardLog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.changelog.fs.FsStateChangelogOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.rocksdb.CompressionType;

/**
 * The Streams service as a Flink job:
 *
 * <pre>
 * HttpRequestSource ─► ApiRouter ─keyBy(stream)──────────────► StreamCatalog ─keyBy(shard)─► ShardLog
 *        ▲                 └─ control, account ─► StreamRegistry ──┘ (changes, keyBy(stream))   │
 *        │                                        (parallelism 1)                                │
 *        └────── ResponseSink ◄── partition by origin reader ── every operator's replies ────────┘
 * </pre>
 */
public final class IngestJob {

    /** Prefix of every operator uid of this job (savepoint compatibility: never change them). */
    public static final String UID_PREFIX = "kinesis";

    public static final String SHARD_LOG_UID = UID_PREFIX + "-shard-log";

    private IngestJob() {}

    /** Adds the ingest job to an environment, configured by {@code conf}. */
    public static void build(StreamExecutionEnvironment env, Configuration conf) {
        IngestSettings settings = IngestSettings.from(conf);
        HttpEndpoints.wire(
                env,
                HttpEndpointSettings.from(conf),
                conf.get(IngestOptions.HTTP_ENDPOINTS),
                UID_PREFIX,
                calls -> graph(calls, settings),
                conf.get(IngestOptions.ACK_MODE),
                new KinesisReplyAssembler());
    }

    static DataStream<ApiReply> graph(DataStream<ApiCall> calls, IngestSettings settings) {
        SingleOutputStreamOperator<StreamCommand> routed =
                calls.process(new ApiRouter(settings), SerializerTypeInfo.of(StreamCommand.class, new StreamCommandSerializer()))
                        .name("ApiRouter")
                        .uid(UID_PREFIX + "-api-router");
        // One registry for the account: control calls are rare (AWS allows a few per second), and one place
        // that sees every stream is what makes account-wide quotas and a consistent ListStreams possible.
        SingleOutputStreamOperator<StreamChange> registry =
                routed.getSideOutput(ApiRouter.CONTROL).keyBy(c -> StreamRegistry.ACCOUNT_KEY, Types.STRING)
                        .connect(routed.getSideOutput(ApiRouter.ACCOUNT).keyBy(q -> StreamRegistry.ACCOUNT_KEY, Types.STRING))
                        .process(new StreamRegistry(settings), JacksonTypeInfo.of(StreamChange.class))
                        .setParallelism(1)
                        .name("StreamRegistry")
                        .uid(UID_PREFIX + "-stream-registry");
        SingleOutputStreamOperator<ShardCommand> catalog =
                routed.keyBy(StreamCommand::streamName, Types.STRING)
                        .connect(registry.keyBy(StreamChange::streamName, Types.STRING))
                        .process(new StreamCatalog(settings), SerializerTypeInfo.of(ShardCommand.class, new ShardCommandSerializer()))
                        .name("StreamCatalog")
                        .uid(UID_PREFIX + "-stream-catalog");
        SingleOutputStreamOperator<ApiReply> shardLog =
                catalog.keyBy(ShardCommand::shardKey, Types.STRING)
                        .process(new ShardLog(settings), HttpEndpoints.REPLY_TYPE)
                        .name("ShardLog")
                        .uid(SHARD_LOG_UID);
        return routed.getSideOutput(ApiRouter.REPLIES)
                .union(registry.getSideOutput(StreamRegistry.REPLIES), catalog.getSideOutput(StreamCatalog.REPLIES), shardLog);
    }

    /**
     * Fills in what the job needs and the configuration does not say: RocksDB with incremental
     * checkpoints behind the state changelog, a short checkpoint interval, retained checkpoints, no
     * network buffer timeout (answers must not wait for a buffer to fill), and no Kryo fallback.
     */
    public static Configuration withDefaults(Configuration given) {
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
        setIfAbsent(conf, CheckpointingOptions.CHECKPOINTING_INTERVAL, conf.get(IngestOptions.CHECKPOINT_INTERVAL));
        setIfAbsent(conf, CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        setIfAbsent(conf, PipelineOptions.GENERIC_TYPES, false);
        // Keyed state is split into this many key groups; fixed so that later rescaling can restore.
        setIfAbsent(conf, PipelineOptions.MAX_PARALLELISM, 128);
        // A request/response service: flush network buffers per record. Measured with the first load probe at one call in
        // flight: Flink's 100 ms default gave put p99 256 ms and visibility p50 176 ms; 0 ms gave 124 ms and 103 ms.
        setIfAbsent(conf, ExecutionOptions.BUFFER_TIMEOUT, Duration.ZERO);
        return conf;
    }

    private static <T> void setIfAbsent(Configuration conf, org.apache.flink.configuration.ConfigOption<T> option, T value) {
        if (!conf.contains(option)) {
            conf.set(option, value);
        }
    }

    /**
     * Entry point on a Flink cluster: {@code flink run ingest-job.jar [key=value ...]}. The cluster's
     * {@code config.yaml} ({@code $FLINK_CONF_DIR}) is read first, arguments override it, and only what
     * neither says gets Sluice's defaults.
     */
    public static void main(String[] args) throws Exception {
        Configuration conf = GlobalConfiguration.loadConfiguration();
        conf.addAll(ConfigArgs.parse(args));
        conf = withDefaults(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        build(env, conf);
        env.execute("sluice-ingest");
    }
}
