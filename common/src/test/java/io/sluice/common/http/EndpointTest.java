package io.sluice.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.sluice.common.error.ServiceUnavailable;
import io.sluice.common.wire.WireFormat;
import org.junit.jupiter.api.Test;

class EndpointTest {

    private static ApiCall call(Endpoint e, int bytes) {
        return new ApiCall(new CallRef(0, e.id(), e.nextCallId(), WireFormat.JSON), "t", "r", 0, new byte[bytes]);
    }

    private static PendingCall pending(EmbeddedChannel channel) {
        return new PendingCall(channel, 0, WireFormat.JSON, "r", true, false);
    }

    @Test
    void queueIsBoundedByCountAndBytesButAlwaysTakesOneCall() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Endpoint e = new Endpoint(0, 1, 3, 100);
        assertThat(e.offer(call(e, 500), pending(channel))).as("one oversized call is let in").isTrue();
        assertThat(e.offer(call(e, 1), pending(channel))).as("bytes exhausted").isFalse();
        assertThat(e.poll()).isNotNull();
        assertThat(e.offer(call(e, 60), pending(channel))).isTrue();
        assertThat(e.offer(call(e, 60), pending(channel))).as("60 + 60 > 100").isFalse();
        assertThat(e.offer(call(e, 10), pending(channel))).isTrue();
        assertThat(e.offer(call(e, 10), pending(channel))).isTrue();
        assertThat(e.offer(call(e, 1), pending(channel))).as("count exhausted").isFalse();
    }

    @Test
    void availabilityCompletesWhenACallArrivesAndCloseAnswersEveryCall() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Endpoint e = new Endpoint(0, 1, 10, 1000);
        var available = e.availability();
        assertThat(available).isNotDone();
        ApiCall first = call(e, 1);
        e.offer(first, pending(channel));
        assertThat(available).isDone();
        assertThat(e.poll()).isSameAs(first);
        e.offer(call(e, 1), pending(channel));
        assertThat(e.pendingCount()).isEqualTo(2);

        e.close(new ServiceUnavailable("shutting down"));
        assertThat(e.pendingCount()).isZero();
        assertThat(e.hasQueued()).isFalse();
        io.netty.handler.codec.http.FullHttpResponse answer = channel.readOutbound();
        assertThat(answer.status().code()).isEqualTo(503);
        assertThat(answer.headers().get("x-amzn-ErrorType")).isEqualTo("ServiceUnavailable");
        answer.release();
        assertThat(e.complete(first.ref().callId(), 200, null, new byte[0])).as("already answered").isFalse();
    }
}
