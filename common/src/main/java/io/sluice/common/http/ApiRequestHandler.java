package io.sluice.common.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AttributeKey;
import io.sluice.common.error.ApiException;
import io.sluice.common.error.SerializationException;
import io.sluice.common.error.UnknownOperationException;
import io.sluice.common.wire.ReplyWriter;
import io.sluice.common.wire.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each complete HTTP request (HTTP/1.1, or one HTTP/2 stream) into an {@link ApiCall} for the
 * job, or answers at once when the request cannot be a call: not a POST, no {@code X-Amz-Target},
 * an unsupported content type, a malformed HTTP message, or a full queue.
 */
@ChannelHandler.Sharable
final class ApiRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRequestHandler.class);

    /** The call a channel waits for: one per HTTP/1.1 connection (reads pause), one per HTTP/2 stream. */
    private static final AttributeKey<Long> OPEN_CALL = AttributeKey.valueOf("sluice-open-call");

    /** HTTP/1.1 requests pipelined behind the open call, in arrival order. */
    private static final AttributeKey<ArrayDeque<FullHttpRequest>> WAITING = AttributeKey.valueOf("sluice-waiting");

    private final Endpoint endpoint;
    private final long timeoutMillis;
    private final HttpService service;

    ApiRequestHandler(Endpoint endpoint, long timeoutMillis, HttpService service) {
        this.endpoint = endpoint;
        this.timeoutMillis = timeoutMillis;
        this.service = service;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!(ctx.channel() instanceof Http2StreamChannel) && ctx.channel().attr(OPEN_CALL).get() != null) {
            // HTTP/1.1 answers keep request order: a request pipelined behind an open call waits for it.
            waiting(ctx).add(request.retain());
            ctx.channel().config().setAutoRead(false);
            return;
        }
        handle(ctx, request);
    }

    /** The answer of the connection's open call was written: take the next waiting request, if any. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (!(event instanceof PendingCall.AnswerWritten written)) {
            super.userEventTriggered(ctx, event);
            return;
        }
        Long open = ctx.channel().attr(OPEN_CALL).get();
        if (open == null || open != written.callId()) {
            return; // not the open call (answered earlier or already released); nothing to release
        }
        ctx.channel().attr(OPEN_CALL).set(null); // all on the channel's event loop, no race
        ArrayDeque<FullHttpRequest> waiting = ctx.channel().attr(WAITING).get();
        while (waiting != null && !waiting.isEmpty() && ctx.channel().attr(OPEN_CALL).get() == null) {
            FullHttpRequest next = waiting.poll();
            try {
                handle(ctx, next);
            } finally {
                next.release();
            }
        }
        if (waiting == null || waiting.isEmpty()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private static ArrayDeque<FullHttpRequest> waiting(ChannelHandlerContext ctx) {
        ArrayDeque<FullHttpRequest> waiting = ctx.channel().attr(WAITING).get();
        if (waiting == null) {
            waiting = new ArrayDeque<>();
            ctx.channel().attr(WAITING).set(waiting);
        }
        return waiting;
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean http2 = ctx.channel() instanceof Http2StreamChannel;
        boolean keepAlive = http2 || HttpUtil.isKeepAlive(request);
        String requestId = UUID.randomUUID().toString();
        WireFormat format = WireFormat.fromContentType(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
        WireFormat errorFormat = format == null ? WireFormat.JSON : format;

        if (request.decoderResult().isFailure()) {
            reject(ctx, errorFormat, requestId, false, http2,
                    new SerializationException("Malformed HTTP request: " + request.decoderResult().cause()));
            return;
        }
        if (HttpMethod.GET.equals(request.method()) && "/ping".equals(request.uri())) {
            FullHttpResponse pong = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.copiedBuffer("ok\n", StandardCharsets.US_ASCII));
            pong.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 3).set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
            ctx.writeAndFlush(pong);
            return;
        }
        if (!HttpMethod.POST.equals(request.method())) {
            reject(ctx, errorFormat, requestId, keepAlive, http2,
                    new UnknownOperationException("Only POST / is served; got " + request.method() + " " + request.uri() + "."));
            return;
        }
        String target = request.headers().get("X-Amz-Target");
        if (target == null || target.isEmpty()) {
            reject(ctx, errorFormat, requestId, keepAlive, http2,
                    new UnknownOperationException("The X-Amz-Target header is missing."));
            return;
        }
        if (format == null) {
            reject(ctx, errorFormat, requestId, keepAlive, http2,
                    new SerializationException("Unsupported Content-Type '" + request.headers().get(HttpHeaderNames.CONTENT_TYPE)
                            + "'; use " + WireFormat.JSON.contentType() + " or " + WireFormat.CBOR.contentType() + "."));
            return;
        }

        CallRef ref = new CallRef(endpoint.origin(), endpoint.id(), endpoint.nextCallId(), format);
        ApiCall call = new ApiCall(ref, target, requestId, System.currentTimeMillis(), ByteBufUtil.getBytes(request.content()));
        PendingCall pending = new PendingCall(ctx.channel(), ref.callId(), format, requestId, keepAlive, http2);
        pending.timeout(ctx.channel().eventLoop().schedule(
                () -> endpoint.fail(ref, service.unavailable("No answer within " + timeoutMillis + " ms; retry.")),
                timeoutMillis, TimeUnit.MILLISECONDS));
        if (!endpoint.offer(call, pending)) {
            pending.cancelTimeout();
            reject(ctx, format, requestId, keepAlive, http2,
                    service.unavailable("Sluice has too many calls in flight; retry with backoff."));
            return;
        }
        ctx.channel().attr(OPEN_CALL).set(ref.callId());
    }

    /** A connection (or HTTP/2 stream) that closes takes its open call with it. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Long open = ctx.channel().attr(OPEN_CALL).getAndSet(null);
        if (open != null) {
            endpoint.forget(open);
        }
        ArrayDeque<FullHttpRequest> waiting = ctx.channel().attr(WAITING).getAndSet(null);
        if (waiting != null) {
            waiting.forEach(FullHttpRequest::release);
        }
        super.channelInactive(ctx);
    }

    static void reject(ChannelHandlerContext ctx, WireFormat format, String requestId, boolean keepAlive, boolean http2, ApiException e) {
        PendingCall.send(ctx.channel(), format, requestId, keepAlive, http2, e.httpStatus(), e.errorType(),
                ReplyWriter.error(format, e.errorType(), e.getMessage()));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Closing connection {} after error", ctx.channel(), cause);
        ctx.close();
    }

    /** Used by the aggregator to refuse an oversized body with an AWS-shaped 413, then close. */
    static void refuseOversized(ChannelHandlerContext ctx, WireFormat format, long limit) {
        String message = "The request body exceeds the limit of " + limit + " bytes.";
        byte[] body = ReplyWriter.error(format, "SerializationException", message);
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, format.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set("x-amzn-RequestId", UUID.randomUUID().toString())
                .set("x-amzn-ErrorType", "SerializationException");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
