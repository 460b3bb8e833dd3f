package io.sluice.common.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
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

    private final Channel channel;
    private final WireFormat format;
    private final String requestId;
    private final boolean keepAlive;
    private final boolean http2;
    private ScheduledFuture<?> timeout;

    PendingCall(Channel channel, WireFormat format, String requestId, boolean keepAlive, boolean http2) {
        this.channel = channel;
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

    /** Sends the answer; safe from any thread. */
    void respond(int status, String errorType, byte[] body) {
        if (timeout != null) {
            timeout.cancel(false);
        }
        send(channel, format, requestId, keepAlive, http2, status, errorType, body);
    }

    static void send(
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
        if (keepAlive || http2) {
            channel.writeAndFlush(response);
        } else {
            channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
