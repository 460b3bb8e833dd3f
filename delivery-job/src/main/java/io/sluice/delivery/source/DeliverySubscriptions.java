package io.sluice.delivery.source;

import io.sluice.common.connector.source.StartingPosition;
import io.sluice.common.connector.source.StreamSubscription;
import io.sluice.delivery.api.KinesisStreamSource;
import java.time.Instant;

/**
 * A {@code KinesisStreamAsSource} delivery stream as a subscription of the Kinesis source: the id is
 * {@code <delivery stream>@<creation millis>} (a delivery stream deleted and created again under its name is a new
 * subscription, read from its own creation), the stream is the one its {@code KinesisStreamARN} names, and reading
 * starts AT_TIMESTAMP of its creation, so records put right after CreateDeliveryStream returned are delivered.
 */
public final class DeliverySubscriptions {

    private DeliverySubscriptions() {}

    public static StreamSubscription of(String deliveryStream, long createdMillis, KinesisStreamSource source) {
        return new StreamSubscription(deliveryStream + "@" + createdMillis, source.streamName(),
                StartingPosition.atTimestamp(Instant.ofEpochMilli(createdMillis)));
    }

    /** The creation time of the delivery stream a subscription id names. */
    public static long createdMillis(String subscriptionId) {
        return Long.parseLong(subscriptionId.substring(subscriptionId.lastIndexOf('@') + 1));
    }

    /** The delivery stream a subscription id names (delivery stream names never contain {@code @}). */
    public static String deliveryStream(String subscriptionId) {
        int at = subscriptionId.lastIndexOf('@');
        return at < 0 ? subscriptionId : subscriptionId.substring(0, at);
    }
}
