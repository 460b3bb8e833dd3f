package io.sluice.delivery.api;

import io.sluice.common.error.ApiException;
import io.sluice.common.error.InternalFailure;
import io.sluice.common.error.UnknownOperationException;
import io.sluice.common.http.ApiCall;
import io.sluice.common.http.ApiReply;
import io.sluice.common.http.HttpEndpoints;
import io.sluice.common.serialization.JacksonTypeInfo;
import io.sluice.common.wire.RequestReader;
import io.sluice.delivery.DeliverySettings;
import io.sluice.delivery.buffer.PutCommand;
import io.sluice.delivery.catalog.RegistryCommand;
import java.time.InstantSource;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First stop of every Firehose call: finds the action, decodes and validates the body (stateless, any
 * parallelism), stamps Direct PUT records with their arrival time, and sends puts to their delivery
 * stream's buffer, control calls to the account's registry and errors straight to the response sink.
 */
public final class FirehoseRouter extends ProcessFunction<ApiCall, PutCommand> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FirehoseRouter.class);

    public static final OutputTag<ApiReply> REPLIES = new OutputTag<>("router-replies", HttpEndpoints.REPLY_TYPE);

    public static final OutputTag<RegistryCommand> CONTROL = new OutputTag<>("control", JacksonTypeInfo.of(RegistryCommand.class));

    private final DeliverySettings settings;
    private transient InstantSource clock;

    public FirehoseRouter(DeliverySettings settings) {
        this.settings = settings;
    }

    @Override
    public void processElement(ApiCall call, Context ctx, Collector<PutCommand> out) {
        if (clock == null) {
            clock = settings.arrivalClock();
        }
        try {
            Action action = Action.fromTarget(call.target());
            if (action == null) {
                throw new UnknownOperationException("Unknown operation " + call.target() + ".");
            }
            FirehoseRequest request = FirehoseRequests.read(action, RequestReader.parse(call.body(), call.ref().format()));
            long now = clock.millis();
            if (request instanceof PutRecordBatchRequest put) {
                out.collect(new PutCommand(call.ref(), put.name(), put.single(), now, put.records()));
            } else {
                ctx.output(CONTROL, new RegistryCommand(call.ref(), now, (ControlRequest) request));
            }
        } catch (ApiException e) {
            ctx.output(REPLIES, ApiReply.error(call.ref(), e));
        } catch (RuntimeException e) {
            LOG.warn("Unexpected failure routing {} {}", call.target(), call.requestId(), e);
            ctx.output(REPLIES, ApiReply.error(call.ref(), new InternalFailure("Internal failure; request id " + call.requestId())));
        }
    }
}
