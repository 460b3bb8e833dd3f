package io.sluice.common.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;
import io.sluice.common.wire.WireFormat;

/** A call accepted by the HTTP server that is waiting for its answer: where and how to send it. */
final class PendingCall {

    /** Fired on an HTTP/1.1 keep-alive connection once the answer to call {@code callId} is written. */
    record AnswerWritten(long callId) {}

    private final Channel channel;
    private final long callId;
    private final WireFormat format;
    private final String requestId;
    private final boolean keepAlive;
    private final boolean http2;
    private volatile ScheduledFuture<?> timeout;

    PendingCall(Channel channel, long callId, WireFormat format, String requestId, boolean keepAlive, boolean http2) {
        this.channel = channel;
        this.callId = callId;
        this.format = format;
        this.requestId = requestId;
        this.keepAlive = keepAlive;
        this.http2 = http2;
    }

    WireFormat format() {
        return format;
    }

    Channel channel() {
        return channel;
    }

    void timeout(ScheduledFuture<?> timeout) {
        this.timeout = timeout;
    }

    void cancelTimeout() {
        ScheduledFuture<?> t = timeout;
        if (t != null) {
            t.cancel(false);
        }
    }

    /** Sends the answer; safe from any thread. */
    void respond(int status, String errorType, byte[] body) {
        cancelTimeout();
        ChannelFuture written = send(channel, format, requestId, keepAlive, http2, status, errorType, body);
        if (keepAlive && !http2) {
            // Requests pipelined behind this one wait for it (request order); tell the handler it may go on.
            written.addListener(f -> channel.pipeline().fireUserEventTriggered(new AnswerWritten(callId)));
        }
    }

    /** Writes an answer (and closes the connection after it unless keep-alive). */
    static ChannelFuture send(
            Channel channel,
            WireFormat format,
            String requestId,
            boolean keepAlive,
            boolean http2,
            int status,
            String errorType,
            byte[] body) {
        FullHttpResponse response =
                new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, format.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set("x-amzn-RequestId", requestId);
        if (errorType != null) {
            response.headers().set("x-amzn-ErrorType", errorType);
        }
        if (!http2) {
            response.headers()
                    .set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        }
        ChannelFuture written = channel.writeAndFlush(response);
        if (!keepAlive && !http2) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
        return written;
    }
}
