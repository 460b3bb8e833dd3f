package io.sluice.delivery.partition;

import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.s3.ObjectKeys;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What dynamic partitioning asks of every record of a destination: the keys its {@code Prefix} names by
 * {@code !{partitionKeyFromQuery:k}} and by {@code !{partitionKeyFromLambda:k}}. A record that lacks one goes to
 * the error output ({@code partitioning-failed}); the keys it has beyond them are dropped, so that records
 * partition by what their prefix evaluates to. Names keep the prefix's order, so the first missing one is the one
 * reported. {@link #OFF} without dynamic partitioning.
 */
public record PartitionKeyNames(boolean enabled, Set<String> fromQuery, Set<String> fromLambda) {

    public static final PartitionKeyNames OFF = new PartitionKeyNames(false, Set.of(), Set.of());

    public PartitionKeyNames {
        fromQuery = Collections.unmodifiableSet(new LinkedHashSet<>(fromQuery));
        fromLambda = Collections.unmodifiableSet(new LinkedHashSet<>(fromLambda));
    }

    /** The names of a (validated) destination. */
    public static PartitionKeyNames of(S3Destination d) {
        if (!d.dynamicPartitioning().enabled()) {
            return OFF;
        }
        return new PartitionKeyNames(true, ObjectKeys.partitionKeysFromQuery(d.prefix()), ObjectKeys.partitionKeysFromLambda(d.prefix()));
    }
}
