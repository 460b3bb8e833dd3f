package io.sluice.ingest.routing;

import io.sluice.common.error.ApiException;
import io.sluice.common.error.InternalFailure;
import io.sluice.common.error.UnknownOperationException;
import io.sluice.common.http.ApiCall;
import io.sluice.common.http.ApiReply;
import io.sluice.common.http.HttpEndpoints;
import io.sluice.common.serialization.JacksonTypeInfo;
import io.sluice.common.serialization.SerializerTypeInfo;
import io.sluice.common.wire.RequestReader;
import io.sluice.ingest.IngestSettings;
import io.sluice.ingest.api.Action;
import io.sluice.ingest.api.ControlRequest;
import io.sluice.ingest.api.DescribeLimitsRequest;
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
 * at any parallelism), and sends the request on: calls that change the catalog and calls about the
 * whole account to the account's registry, data calls and reads of one stream to the catalog, and
 * errors straight to the response sink.
 */
public final class ApiRouter extends ProcessFunction<ApiCall, StreamCommand> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

    public static final OutputTag<ApiReply> REPLIES = new OutputTag<>("router-replies", HttpEndpoints.REPLY_TYPE);

    /** Calls that change the catalog, to the account's registry. */
    public static final OutputTag<StreamCommand> CONTROL =
            new OutputTag<>("control", SerializerTypeInfo.of(StreamCommand.class, new StreamCommandSerializer()));

    /** Calls about the whole account (ListStreams, DescribeLimits), to the account's registry. */
    public static final OutputTag<AccountQuery> ACCOUNT =
            new OutputTag<>("account", JacksonTypeInfo.of(AccountQuery.class));

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
                ctx.output(ACCOUNT, new AccountQuery.ListStreams(call.ref(), list));
            } else if (request instanceof DescribeLimitsRequest) {
                ctx.output(ACCOUNT, new AccountQuery.DescribeLimits(call.ref()));
            } else if (request instanceof ControlRequest control) {
                ctx.output(CONTROL, new StreamCommand(call.ref(), call.receivedAtMillis(), control));
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
