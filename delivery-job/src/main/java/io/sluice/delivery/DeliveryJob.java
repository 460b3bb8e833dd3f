package io.sluice.delivery;

import io.sluice.common.http.ApiCall;
import io.sluice.common.http.ApiReply;
import io.sluice.common.http.CallRef;
import io.sluice.common.http.HttpEndpointSettings;
import io.sluice.common.http.HttpEndpoints;
import io.sluice.common.http.HttpSourceOptions;
import io.sluice.common.http.ReplyAssembler;
import io.sluice.common.job.JobDefaults;
import io.sluice.common.serialization.JacksonTypeInfo;
import io.sluice.common.serialization.SerializerTypeInfo;
import io.sluice.delivery.api.FirehoseRouter;
import io.sluice.delivery.buffer.BufferSerializers;
import io.sluice.delivery.buffer.DeliveryBuffer;
import io.sluice.delivery.buffer.PutCommand;
import io.sluice.delivery.catalog.DeliveryStreamChange;
import io.sluice.delivery.catalog.DeliveryStreamRegistry;
import io.sluice.delivery.catalog.state.CatalogTypes;
import io.sluice.delivery.s3.ObjectCommitSink;
import io.sluice.delivery.s3.PendingObject;
import io.sluice.delivery.source.DeliverySource;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.SinkOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Firehose service as a Flink job:
 *
 * <pre>
 * HttpRequestSource ─► FirehoseRouter ─keyBy(delivery stream)──────────► DeliveryBuffer ─► ObjectCommitSink
 *        ▲                  └─ control ─► DeliveryStreamRegistry ──changes──┘ (state)        (commit on checkpoint)
 *        │                                (parallelism 1)                   │▲
 *        └────── ResponseSink ◄── partition by origin reader ── replies ────┘└── KinesisSource (KinesisStreamAsSource
 *                                                                               streams, found via the endpoint; no replies)
 * </pre>
 */
public final class DeliveryJob {

    /** Prefix of every operator uid of this job (savepoint compatibility: never change them). */
    public static final String UID_PREFIX = "firehose";

    private static final TypeInformation<PutCommand> PUT_TYPE =
            SerializerTypeInfo.of(PutCommand.class, new BufferSerializers.PutCommandSerializer());

    private DeliveryJob() {}

    /** Adds the delivery job to an environment, configured by {@code conf}. */
    public static void build(StreamExecutionEnvironment env, Configuration conf) {
        DeliverySettings settings = DeliverySettings.from(conf);
        HttpEndpoints.wire(
                env,
                HttpEndpointSettings.from(conf, HttpSourceOptions.FIREHOSE),
                conf.get(DeliveryOptions.HTTP_ENDPOINTS),
                UID_PREFIX,
                calls -> graph(calls, settings, DeliverySource.create(conf)),
                conf.get(DeliveryOptions.ACK_MODE),
                new NoParts());
    }

    static DataStream<ApiReply> graph(DataStream<ApiCall> calls, DeliverySettings settings, Source<PutCommand, ?, ?> kinesisSource) {
        SingleOutputStreamOperator<PutCommand> routed =
                calls.process(new FirehoseRouter(settings), PUT_TYPE).name("FirehoseRouter").uid(UID_PREFIX + "-router");
        SingleOutputStreamOperator<DeliveryStreamChange> registry =
                routed.getSideOutput(FirehoseRouter.CONTROL)
                        .keyBy(c -> DeliveryStreamRegistry.ACCOUNT_KEY, Types.STRING)
                        .process(new DeliveryStreamRegistry(settings), CatalogTypes.DELIVERY_STREAM_CHANGE)
                        .setParallelism(1)
                        .name("DeliveryStreamRegistry")
                        .uid(UID_PREFIX + "-delivery-stream-registry");
        // Records of KinesisStreamAsSource delivery streams join the Direct PUTs on the way to their buffer.
        DataStream<PutCommand> fromStreams = calls.getExecutionEnvironment()
                .fromSource(kinesisSource, WatermarkStrategy.noWatermarks(), "KinesisStreamSource")
                .uid(UID_PREFIX + "-kinesis-source");
        SingleOutputStreamOperator<PendingObject> buffer =
                routed.union(fromStreams).keyBy(PutCommand::deliveryStream, Types.STRING)
                        .connect(registry.keyBy(DeliveryStreamChange::name, Types.STRING))
                        .process(new DeliveryBuffer(settings), JacksonTypeInfo.of(PendingObject.class))
                        .name("DeliveryBuffer")
                        .uid(UID_PREFIX + "-delivery-buffer");
        buffer.sinkTo(new ObjectCommitSink(settings.buckets())).name("ObjectCommitter").uid(UID_PREFIX + "-object-committer");
        return routed.getSideOutput(FirehoseRouter.REPLIES)
                .union(registry.getSideOutput(DeliveryStreamRegistry.REPLIES), buffer.getSideOutput(DeliveryBuffer.REPLIES));
    }

    /**
     * Fills in what the job needs and the configuration does not say ({@link JobDefaults}), with the
     * checkpoint interval of {@code sluice.firehose.checkpoint-interval}.
     */
    public static Configuration withDefaults(Configuration given) {
        Configuration conf = JobDefaults.withDefaults(given, given.get(DeliveryOptions.CHECKPOINT_INTERVAL));
        // A bucket that refuses a commit for a while (S3 throttling, a restart of the S3 server) must not fail the job
        // after Flink's 10 immediate retries: the committer backs off between tries, up to about 8 minutes in all.
        JobDefaults.setIfAbsent(conf, SinkOptions.COMMITTER_RETRIES, 100);
        return conf;
    }

    /**
     * Entry point on a Flink cluster: {@code flink run delivery-job.jar [key=value ...]}. The cluster's
     * {@code config.yaml} is read first, arguments override it, and only what neither says gets
     * Sluice's defaults.
     */
    public static void main(String[] args) throws Exception {
        new DeliveryService().runOnCluster(args);
    }

    /** Every Firehose answer is whole when it is made: nothing to assemble. */
    private static final class NoParts implements ReplyAssembler {
        private static final long serialVersionUID = 1L;

        @Override
        public ApiReply assemble(CallRef ref, String partKind, List<byte[]> parts) {
            throw new IllegalStateException("Firehose answers have no parts, got " + partKind);
        }
    }
}
