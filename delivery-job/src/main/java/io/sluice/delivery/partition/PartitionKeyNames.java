package io.sluice.delivery.partition;

import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.s3.ObjectKeys;
import java.util.Set;

/**
 * What dynamic partitioning asks of every record of a destination: the keys its {@code Prefix} names by
 * {@code !{partitionKeyFromQuery:k}} and by {@code !{partitionKeyFromLambda:k}}. A record that lacks one goes to
 * the error output ({@code partitioning-failed}); the keys it has beyond them are dropped, so that records
 * partition by what their prefix evaluates to. {@link #OFF} without dynamic partitioning.
 */
public record PartitionKeyNames(boolean enabled, Set<String> fromQuery, Set<String> fromLambda) {

    public static final PartitionKeyNames OFF = new PartitionKeyNames(false, Set.of(), Set.of());

    public PartitionKeyNames {
        fromQuery = Set.copyOf(fromQuery);
        fromLambda = Set.copyOf(fromLambda);
    }

    /** The names of a (validated) destination. */
    public static PartitionKeyNames of(S3Destination d) {
        if (!d.dynamicPartitioning().enabled()) {
            return OFF;
        }
        return new PartitionKeyNames(true, ObjectKeys.partitionKeysFromQuery(d.prefix()), ObjectKeys.partitionKeysFromLambda(d.prefix()));
    }
}
