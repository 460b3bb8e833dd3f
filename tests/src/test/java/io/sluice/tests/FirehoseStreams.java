package io.sluice.tests;

import java.time.Duration;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;

/** Helpers of the Firehose tests: waiting for a delivery stream the way a user would (polling Describe). */
final class FirehoseStreams {

    private FirehoseStreams() {}

    static void awaitActive(FirehoseClient firehose, String name) {
        try {
            Streams.await(name + " ACTIVE", () -> firehose.describeDeliveryStream(b -> b.deliveryStreamName(name))
                    .deliveryStreamDescription().deliveryStreamStatus() == DeliveryStreamStatus.ACTIVE, Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
