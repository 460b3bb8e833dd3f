package io.sluice.delivery.catalog;

import io.sluice.delivery.api.DeliveryStreamType;
import io.sluice.delivery.api.KinesisStreamSource;
import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.api.Tag;
import java.util.List;

/**
 * What the registry knows of one delivery stream, and what the buffer delivers by: its status, source
 * type, destination and tags. {@code versionId} starts at 1 and grows with each UpdateDestination (it
 * is part of every object name); {@code createdMillis} also tells apart two streams of the same name
 * created one after the other. {@code kinesisSource} is the Kinesis stream a {@code KinesisStreamAsSource} stream reads
 * from its creation on (null for Direct PUT, and in state written before it existed).
 */
public record DeliveryStream(
        String name,
        String arn,
        DeliveryStreamStatus status,
        DeliveryStreamType type,
        int versionId,
        long createdMillis,
        long lastUpdateMillis,
        S3Destination destination,
        List<Tag> tags,
        KinesisStreamSource kinesisSource) {

    /** The id of the one destination a delivery stream has (AWS's form). */
    public static final String DESTINATION_ID = "destinationId-000000000001";

    /** A Direct PUT delivery stream. */
    public DeliveryStream(String name, String arn, DeliveryStreamStatus status, DeliveryStreamType type, int versionId, long createdMillis,
            long lastUpdateMillis, S3Destination destination, List<Tag> tags) {
        this(name, arn, status, type, versionId, createdMillis, lastUpdateMillis, destination, tags, null);
    }

    public DeliveryStream withStatus(DeliveryStreamStatus newStatus) {
        return new DeliveryStream(name, arn, newStatus, type, versionId, createdMillis, lastUpdateMillis, destination, tags, kinesisSource);
    }

    public DeliveryStream withDestination(S3Destination newDestination, long nowMillis) {
        return new DeliveryStream(name, arn, status, type, versionId + 1, createdMillis, nowMillis, newDestination, tags, kinesisSource);
    }

    public DeliveryStream withTags(List<Tag> newTags) {
        return new DeliveryStream(name, arn, status, type, versionId, createdMillis, lastUpdateMillis, destination, List.copyOf(newTags),
                kinesisSource);
    }
}
