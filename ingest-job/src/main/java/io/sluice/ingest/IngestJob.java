package io.sluice.ingest;

import io.sluice.common.http.ApiCall;
import io.sluice.common.http.ApiReply;
import io.sluice.common.http.HttpEndpointSettings;
import io.sluice.common.http.HttpEndpoints;
import io.sluice.common.serialization.JacksonTypeInfo;
import io.sluice.ingest.catalog.StreamCatalog;
import io.sluice.ingest.reply.KinesisReplyAssembler;
import io.sluice.ingest.routing.ApiRouter;
import io.sluice.ingest.routing.ListStreamsQuery;
import io.sluice.ingest.routing.StreamCommand;
import io.sluice.ingest.shard.ShardCommand;
import io.sluice.ingest.shard.ShardLog;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Streams service as a Flink job:
 *
 * <pre>
 * HttpRequestSource ─► ApiRouter ─keyBy(stream)─► StreamCatalog ─keyBy(shard)─► ShardLog
 *        ▲                 └─ ListStreams (broadcast) ─┘      │                     │
 *        └────── ResponseSink ◄── partition by origin reader ─┴─────────────────────┘
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
                new KinesisReplyAssembler(settings.tokenSecret()));
    }

    static DataStream<ApiReply> graph(DataStream<ApiCall> calls, IngestSettings settings) {
        SingleOutputStreamOperator<StreamCommand> routed =
                calls.process(new ApiRouter(settings), JacksonTypeInfo.of(StreamCommand.class))
                        .name("ApiRouter")
                        .uid(UID_PREFIX + "-api-router");
        BroadcastStream<ListStreamsQuery> listQueries =
                routed.getSideOutput(ApiRouter.LIST_STREAMS).broadcast(StreamCatalog.LIST_QUERIES);
        SingleOutputStreamOperator<ShardCommand> catalog =
                routed.keyBy(StreamCommand::streamName, Types.STRING)
                        .connect(listQueries)
                        .process(new StreamCatalog(settings), JacksonTypeInfo.of(ShardCommand.class))
                        .name("StreamCatalog")
                        .uid(UID_PREFIX + "-stream-catalog");
        SingleOutputStreamOperator<ApiReply> shardLog =
                catalog.keyBy(ShardCommand::shardKey, Types.STRING)
                        .process(new ShardLog(settings), HttpEndpoints.REPLY_TYPE)
                        .name("ShardLog")
                        .uid(SHARD_LOG_UID);
        return routed.getSideOutput(ApiRouter.REPLIES)
                .union(catalog.getSideOutput(StreamCatalog.REPLIES), shardLog);
    }

    /**
     * Fills in what the job needs and the configuration does not say: RocksDB with incremental
     * checkpoints, a short checkpoint interval, retained checkpoints, no network buffer timeout (answers
     * must not wait for a buffer to fill), and no Kryo fallback.
     */
    public static Configuration withDefaults(Configuration given) {
        Configuration conf = new Configuration(given);
        setIfAbsent(conf, StateBackendOptions.STATE_BACKEND, "rocksdb");
        setIfAbsent(conf, CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        setIfAbsent(conf, CheckpointingOptions.CHECKPOINTING_INTERVAL, conf.get(IngestOptions.CHECKPOINT_INTERVAL));
        setIfAbsent(conf, CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        setIfAbsent(conf, PipelineOptions.GENERIC_TYPES, false);
        // Keyed state is split into this many key groups; fixed so that later rescaling can restore.
        setIfAbsent(conf, PipelineOptions.MAX_PARALLELISM, 128);
        // A request/response service: flush network buffers per record. Measured with PutProbe at one call in
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
