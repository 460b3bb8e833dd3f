package io.sluice.delivery.partition;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A record's dynamic-partitioning keys: those from the {@code MetadataExtraction} query
 * ({@code !{partitionKeyFromQuery:k}}) and those from the Lambda answer's {@code metadata.partitionKeys}
 * ({@code !{partitionKeyFromLambda:k}}), only the ones the destination's {@code Prefix} names. Two records with
 * equal keys belong to the same partition: {@code equals} and {@code hashCode} are those of the two maps, whose
 * order (by key) is fixed, so {@link PartitionKeysSerializer} writes equal keys as equal bytes.
 * {@link #NONE} is the one partition of a delivery stream without dynamic partitioning.
 */
public record PartitionKeys(SortedMap<String, String> fromQuery, SortedMap<String, String> fromLambda) {

    public static final PartitionKeys NONE = new PartitionKeys(Map.of(), Map.of());

    public PartitionKeys {
        fromQuery = sorted(fromQuery);
        fromLambda = sorted(fromLambda);
    }

    /** Keys from any maps (null is none); copied and sorted by key. */
    public PartitionKeys(Map<String, String> fromQuery, Map<String, String> fromLambda) {
        this(new TreeMap<>(fromQuery == null ? Map.of() : fromQuery), new TreeMap<>(fromLambda == null ? Map.of() : fromLambda));
    }

    public boolean isEmpty() {
        return fromQuery.isEmpty() && fromLambda.isEmpty();
    }

    private static SortedMap<String, String> sorted(SortedMap<String, String> keys) {
        TreeMap<String, String> copy = new TreeMap<>();
        if (keys != null) {
            keys.forEach((k, v) -> copy.put(requireText(k), requireText(v)));
        }
        return Collections.unmodifiableSortedMap(copy);
    }

    private static String requireText(String s) {
        if (s == null) {
            throw new IllegalArgumentException("A partition key and its value are never null");
        }
        return s;
    }
}
