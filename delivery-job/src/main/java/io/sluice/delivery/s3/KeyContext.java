package io.sluice.delivery.s3;

import io.sluice.delivery.partition.PartitionKeys;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Everything the S3 key of one object depends on (see {@link ObjectKeys}).
 *
 * @param prefix the destination's {@code Prefix} as configured; null or empty for the default
 * @param errorOutputPrefix the destination's {@code ErrorOutputPrefix}; null or empty for the default
 * @param zone the destination's {@code CustomTimeZone}; UTC when null
 * @param streamName the delivery stream's name
 * @param versionId the delivery stream's {@code VersionId} (1, then one more per UpdateDestination)
 * @param oldestArrival approximate arrival time of the oldest record in the object
 * @param uuid the object's UUID, the last part of its name
 * @param extension the resolved file extension: {@code FileExtension} if set, else the compression's; "" if none
 * @param partitionKeysFromQuery the object's {@code partitionKeyFromQuery} values (dynamic partitioning)
 * @param partitionKeysFromLambda the object's {@code partitionKeyFromLambda} values (dynamic partitioning)
 * @param dynamicPartitioning whether the destination has dynamic partitioning enabled
 * @param random source of {@code !{firehose:random-string}}
 */
public record KeyContext(
        String prefix,
        String errorOutputPrefix,
        ZoneId zone,
        String streamName,
        int versionId,
        Instant oldestArrival,
        String uuid,
        String extension,
        Map<String, String> partitionKeysFromQuery,
        Map<String, String> partitionKeysFromLambda,
        boolean dynamicPartitioning,
        RandomGenerator random) {

    public KeyContext {
        zone = zone == null ? ZoneOffset.UTC : zone;
        Objects.requireNonNull(streamName, "streamName");
        Objects.requireNonNull(oldestArrival, "oldestArrival");
        Objects.requireNonNull(uuid, "uuid");
        extension = extension == null ? "" : extension;
        partitionKeysFromQuery = partitionKeysFromQuery == null ? Map.of() : Map.copyOf(partitionKeysFromQuery);
        partitionKeysFromLambda = partitionKeysFromLambda == null ? Map.of() : Map.copyOf(partitionKeysFromLambda);
        Objects.requireNonNull(random, "random");
    }

    /** A context with the default prefixes, UTC, no extension, no partition keys and no dynamic partitioning. */
    public static KeyContext of(String streamName, int versionId, Instant oldestArrival, String uuid, RandomGenerator random) {
        return new KeyContext(null, null, null, streamName, versionId, oldestArrival, uuid, "", null, null, false, random);
    }

    public KeyContext withPrefix(String prefix, String errorOutputPrefix) {
        return new KeyContext(prefix, errorOutputPrefix, zone, streamName, versionId, oldestArrival, uuid, extension,
                partitionKeysFromQuery, partitionKeysFromLambda, dynamicPartitioning, random);
    }

    /** The same context for another object (an error output object beside the data object). */
    public KeyContext withUuid(String uuid) {
        return new KeyContext(prefix, errorOutputPrefix, zone, streamName, versionId, oldestArrival, uuid, extension,
                partitionKeysFromQuery, partitionKeysFromLambda, dynamicPartitioning, random);
    }

    public KeyContext withZone(ZoneId zone) {
        return new KeyContext(prefix, errorOutputPrefix, zone, streamName, versionId, oldestArrival, uuid, extension,
                partitionKeysFromQuery, partitionKeysFromLambda, dynamicPartitioning, random);
    }

    public KeyContext withExtension(String extension) {
        return new KeyContext(prefix, errorOutputPrefix, zone, streamName, versionId, oldestArrival, uuid, extension,
                partitionKeysFromQuery, partitionKeysFromLambda, dynamicPartitioning, random);
    }

    /** Turns dynamic partitioning on, with the object's partition keys. */
    public KeyContext withPartitionKeys(PartitionKeys keys) {
        return withPartitionKeys(keys.fromQuery(), keys.fromLambda());
    }

    /** Turns dynamic partitioning on, with the object's partition keys. */
    public KeyContext withPartitionKeys(Map<String, String> fromQuery, Map<String, String> fromLambda) {
        return new KeyContext(prefix, errorOutputPrefix, zone, streamName, versionId, oldestArrival, uuid, extension,
                fromQuery, fromLambda, true, random);
    }
}
