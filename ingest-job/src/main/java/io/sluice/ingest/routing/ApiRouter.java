package io.sluice.ingest.routing;

import io.sluice.common.error.ApiException;
import io.sluice.common.error.InternalFailure;
import io.sluice.common.error.UnknownOperationException;
import io.sluice.common.http.ApiCall;
import io.sluice.common.http.ApiReply;
import io.sluice.common.http.HttpEndpoints;
import io.sluice.common.serialization.JacksonTypeInfo;
import io.sluice.common.wire.RequestReader;
import io.sluice.ingest.IngestSettings;
import io.sluice.ingest.api.Action;
import io.sluice.ingest.api.KinesisRequests;
import io.sluice.ingest.api.ListStreamsRequest;
import io.sluice.ingest.api.RequestContext;
import io.sluice.ingest.api.StreamRequest;
import io.sluice.ingest.api.Tokens;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First stop of every call: finds the action, decodes and validates the body (stateless, so it runs
 * at any parallelism), and sends the request on: stream requests to the catalog, ListStreams to every
 * catalog subtask, and errors straight to the response sink.
 */
public final class ApiRouter extends ProcessFunction<ApiCall, StreamCommand> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

    public static final OutputTag<ApiReply> REPLIES = new OutputTag<>("router-replies", HttpEndpoints.REPLY_TYPE);

    public static final OutputTag<ListStreamsQuery> LIST_STREAMS =
            new OutputTag<>("list-streams", JacksonTypeInfo.of(ListStreamsQuery.class));

    private final IngestSettings settings;
    private transient Tokens tokens;

    public ApiRouter(IngestSettings settings) {
        this.settings = settings;
    }

    @Override
    public void processElement(ApiCall call, Context ctx, Collector<StreamCommand> out) {
        if (tokens == null) {
            tokens = new Tokens(settings.tokenSecret());
        }
        try {
            Action action = Action.fromTarget(call.target());
            if (action == null) {
                throw new UnknownOperationException("Unknown operation " + call.target() + ".");
            }
            RequestReader body = RequestReader.parse(call.body(), call.ref().format());
            Object request = KinesisRequests.read(action, body,
                    new RequestContext(tokens, settings.region(), settings.accountId(), System.currentTimeMillis()));
            if (request instanceof ListStreamsRequest list) {
                ctx.output(LIST_STREAMS, new ListStreamsQuery(call.ref(), list));
            } else {
                out.collect(new StreamCommand(call.ref(), call.receivedAtMillis(), (StreamRequest) request));
            }
        } catch (ApiException e) {
            ctx.output(REPLIES, ApiReply.error(call.ref(), e));
        } catch (RuntimeException e) {
            LOG.warn("Unexpected failure routing {} {}", call.target(), call.requestId(), e);
            ctx.output(REPLIES, ApiReply.error(call.ref(), new InternalFailure("Internal failure; request id " + call.requestId())));
        }
    }
}
