package io.sluice.ingest.metrics;

import io.sluice.ingest.api.ShardLevelMetric;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;

/**
 * One shard's shard-level metrics (enhanced monitoring): only the enabled ones are registered, under
 * Kinesis's names; the others count into the void.
 */
final class ShardMetrics {

    private final MetricGroup group;
    final int mask;
    final Counter incomingBytes;
    final Counter incomingRecords;
    final Counter outgoingBytes;
    final Counter outgoingRecords;
    final Counter writeProvisionedThroughputExceeded;
    final Counter readProvisionedThroughputExceeded;
    private volatile long iteratorAgeMillis;

    ShardMetrics(MetricGroup group, int mask) {
        this.group = group;
        this.mask = mask;
        incomingBytes = counter(ShardLevelMetric.IncomingBytes);
        incomingRecords = counter(ShardLevelMetric.IncomingRecords);
        outgoingBytes = counter(ShardLevelMetric.OutgoingBytes);
        outgoingRecords = counter(ShardLevelMetric.OutgoingRecords);
        writeProvisionedThroughputExceeded = counter(ShardLevelMetric.WriteProvisionedThroughputExceeded);
        readProvisionedThroughputExceeded = counter(ShardLevelMetric.ReadProvisionedThroughputExceeded);
        if ((mask & ShardLevelMetric.IteratorAgeMilliseconds.bit()) != 0) {
            group.gauge(ShardLevelMetric.IteratorAgeMilliseconds.name(), () -> iteratorAgeMillis);
        }
    }

    private Counter counter(ShardLevelMetric metric) {
        return (mask & metric.bit()) != 0 ? group.counter(metric.name()) : new SimpleCounter();
    }

    void iteratorAge(long millis) {
        iteratorAgeMillis = millis;
    }

    /** Stops reporting this shard's metrics (monitoring was disabled, or the shard's log was dropped). */
    void close() {
        close(group);
    }

    /**
     * Unregisters a group's metrics from the reporters. MetricGroup has no close in Flink 2; the runtime's
     * groups do, and a group added again under the same name after closing is a new one (checked in 2.3).
     */
    static void close(MetricGroup group) {
        if (group instanceof AbstractMetricGroup<?> registered) {
            registered.close();
        }
    }
}
