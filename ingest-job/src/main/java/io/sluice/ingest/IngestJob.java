package io.sluice.ingest;

import io.sluice.common.http.ApiCall;
import io.sluice.common.http.ApiReply;
import io.sluice.common.http.HttpEndpointSettings;
import io.sluice.common.http.HttpEndpoints;
import io.sluice.common.job.JobDefaults;
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
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

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
                        .uid(StreamCatalog.UID);
        SingleOutputStreamOperator<ApiReply> shardLog =
                catalog.keyBy(ShardCommand::shardKey, Types.STRING)
                        .process(new ShardLog(settings), HttpEndpoints.REPLY_TYPE)
                        .name("ShardLog")
                        .uid(SHARD_LOG_UID);
        return routed.getSideOutput(ApiRouter.REPLIES)
                .union(registry.getSideOutput(StreamRegistry.REPLIES), catalog.getSideOutput(StreamCatalog.REPLIES), shardLog);
    }

    /**
     * Fills in what the job needs and the configuration does not say ({@link JobDefaults}), with the
     * checkpoint interval of {@code sluice.checkpoint-interval}.
     */
    public static Configuration withDefaults(Configuration given) {
        return JobDefaults.withDefaults(given, given.get(IngestOptions.CHECKPOINT_INTERVAL));
    }

    /**
     * Entry point on a Flink cluster: {@code flink run ingest-job.jar [key=value ...]}. The cluster's
     * {@code config.yaml} ({@code $FLINK_CONF_DIR}) is read first, arguments override it, and only what
     * neither says gets Sluice's defaults.
     */
    public static void main(String[] args) throws Exception {
        new IngestService().runOnCluster(args);
    }
}
