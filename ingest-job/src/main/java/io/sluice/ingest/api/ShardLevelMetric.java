package io.sluice.ingest.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * The shard-level metrics of enhanced monitoring, named as on the wire (and as the metrics Sluice
 * publishes); {@code ALL} stands for every one of them.
 */
public enum ShardLevelMetric {
    IncomingBytes,
    IncomingRecords,
    OutgoingBytes,
    OutgoingRecords,
    WriteProvisionedThroughputExceeded,
    ReadProvisionedThroughputExceeded,
    IteratorAgeMilliseconds,
    ALL;

    /** The metrics a request names, with ALL expanded. */
    public static Set<ShardLevelMetric> expand(Iterable<ShardLevelMetric> named) {
        Set<ShardLevelMetric> metrics = EnumSet.noneOf(ShardLevelMetric.class);
        for (ShardLevelMetric m : named) {
            if (m == ALL) {
                metrics.addAll(EnumSet.range(IncomingBytes, IteratorAgeMilliseconds));
            } else {
                metrics.add(m);
            }
        }
        return metrics;
    }

    /** The bit of this metric in a mask of enabled metrics. */
    public int bit() {
        return 1 << ordinal();
    }
}
