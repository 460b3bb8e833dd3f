package io.sluice.common.http;

import io.sluice.common.serialization.SerializerTypeInfo;
import java.util.function.Function;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Wires a service into the job graph between the {@link HttpRequestSource} and the
 * {@link ResponseSinkOperator}: answers are partitioned back to the subtask index of the reader that
 * accepted the call, and source subtask i and sink subtask i share a co-location group so they always
 * run in the same slot (and JVM), also after a failover.
 */
public final class HttpEndpoints {

    /** Type information of calls and replies (explicit serializers, no Kryo). */
    public static final SerializerTypeInfo<ApiCall> CALL_TYPE =
            SerializerTypeInfo.of(ApiCall.class, new CallSerializers.ApiCallSerializer());

    public static final SerializerTypeInfo<ApiReply> REPLY_TYPE =
            SerializerTypeInfo.of(ApiReply.class, new CallSerializers.ApiReplySerializer());

    private static final String CO_LOCATION_GROUP = "sluice-http-endpoint";

    private HttpEndpoints() {}

    /**
     * @param service builds the service's graph from calls to replies
     * @param parallelism number of HTTP endpoints (source readers and sink subtasks)
     * @param uidPrefix prefix of the stable operator uids, e.g. "kinesis"
     */
    public static void wire(
            StreamExecutionEnvironment env,
            HttpEndpointSettings settings,
            int parallelism,
            String uidPrefix,
            Function<DataStream<ApiCall>, DataStream<ApiReply>> service,
            AckMode ackMode,
            ReplyAssembler assembler) {
        SingleOutputStreamOperator<ApiCall> calls =
                env.fromSource(new HttpRequestSource(settings), WatermarkStrategy.noWatermarks(), "HttpRequestSource", CALL_TYPE)
                        .uid(uidPrefix + "-http-request-source")
                        .setParallelism(parallelism);
        calls.getTransformation().setCoLocationGroupKey(CO_LOCATION_GROUP);

        DataStream<ApiReply> replies = service.apply(calls);
        SingleOutputStreamOperator<Void> sink =
                replies.partitionCustom((origin, n) -> origin % n, reply -> reply.ref().origin())
                        .transform("ResponseSink", org.apache.flink.api.common.typeinfo.Types.VOID,
                                new ResponseSinkOperator(ackMode, assembler))
                        .uid(uidPrefix + "-response-sink")
                        .setParallelism(parallelism);
        sink.getTransformation().setCoLocationGroupKey(CO_LOCATION_GROUP);
    }
}
