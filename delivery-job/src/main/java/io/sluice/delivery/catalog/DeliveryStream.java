package io.sluice.delivery.catalog;

import io.sluice.delivery.api.DeliveryStreamType;
import io.sluice.delivery.api.HttpEndpointDestination;
import io.sluice.delivery.api.KinesisStreamSource;
import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.api.Tag;
import java.util.List;

/**
 * What the registry knows of one delivery stream, and what the buffer delivers by: its status, source
 * type, destination and tags. {@code versionId} starts at 1 and grows with each UpdateDestination (it
 * is part of every object name); {@code createdMillis} also tells apart two streams of the same name
 * created one after the other.
 *
 * <p>{@code httpEndpoint} is {@code null} for an S3 destination. For an HTTP endpoint destination it holds that
 * destination, and {@code destination} is its S3 side ({@link HttpEndpointDestination#bufferDestination()}): the
 * backup bucket under the HTTP destination's buffering hints and processors, which is what the buffer and the
 * processors go by for every kind of destination. State written before HTTP endpoints were served has no
 * {@code httpEndpoint} and reads as an S3 destination.
 *
 * <p>{@code kinesisSource} is the Kinesis stream a {@code KinesisStreamAsSource} stream reads from its creation on
 * ({@code null} for Direct PUT, and in state written before it existed).
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
        HttpEndpointDestination httpEndpoint,
        KinesisStreamSource kinesisSource) {

    /** The id of the one destination a delivery stream has (AWS's form). */
    public static final String DESTINATION_ID = "destinationId-000000000001";

    /** A delivery stream with an S3 destination. */
    public DeliveryStream(String name, String arn, DeliveryStreamStatus status, DeliveryStreamType type, int versionId,
            long createdMillis, long lastUpdateMillis, S3Destination destination, List<Tag> tags) {
        this(name, arn, status, type, versionId, createdMillis, lastUpdateMillis, destination, tags, null, null);
    }

    /** A delivery stream with an HTTP endpoint destination. */
    public static DeliveryStream toHttpEndpoint(String name, String arn, DeliveryStreamStatus status, DeliveryStreamType type,
            long createdMillis, HttpEndpointDestination http, List<Tag> tags) {
        return new DeliveryStream(name, arn, status, type, 1, createdMillis, createdMillis, http.bufferDestination(), tags, http, null);
    }

    public DeliveryStream withStatus(DeliveryStreamStatus newStatus) {
        return new DeliveryStream(name, arn, newStatus, type, versionId, createdMillis, lastUpdateMillis, destination, tags,
                httpEndpoint, kinesisSource);
    }

    /** This stream with a new S3 destination. */
    public DeliveryStream withDestination(S3Destination newDestination, long nowMillis) {
        return new DeliveryStream(name, arn, status, type, versionId + 1, createdMillis, nowMillis, newDestination, tags, null,
                kinesisSource);
    }

    /** This stream with a new HTTP endpoint destination. */
    public DeliveryStream withHttpEndpoint(HttpEndpointDestination http, long nowMillis) {
        return new DeliveryStream(name, arn, status, type, versionId + 1, createdMillis, nowMillis, http.bufferDestination(), tags,
                http, kinesisSource);
    }

    /** This stream reading {@code source} ({@code KinesisStreamAsSource}). */
    public DeliveryStream withKinesisSource(KinesisStreamSource source) {
        return new DeliveryStream(name, arn, status, type, versionId, createdMillis, lastUpdateMillis, destination, tags, httpEndpoint,
                source);
    }

    public DeliveryStream withTags(List<Tag> newTags) {
        return new DeliveryStream(name, arn, status, type, versionId, createdMillis, lastUpdateMillis, destination,
                List.copyOf(newTags), httpEndpoint, kinesisSource);
    }
}
