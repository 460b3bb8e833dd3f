package io.sluice.delivery.buffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Processed records of one partition of a dynamically partitioned delivery stream, as they wait in the partition's
 * buffer: what one processing step (de-aggregation, the transform, metadata extraction, the delimiter) made of the
 * stream's buffered batches for this partition, each record with the arrival of the record it came from. One state
 * entry per partition and processing step, so the step's state writes are one per partition it touched.
 */
public record PartitionChunk(List<byte[]> records, long[] arrivals) {

    public PartitionChunk {
        if (records.size() != arrivals.length) {
            throw new IllegalArgumentException(records.size() + " records but " + arrivals.length + " arrivals");
        }
    }

    public long bytes() {
        long n = 0;
        for (byte[] r : records) {
            n += r.length;
        }
        return n;
    }

    public long oldestArrival() {
        long oldest = Long.MAX_VALUE;
        for (long a : arrivals) {
            oldest = Math.min(oldest, a);
        }
        return oldest;
    }

    /** Collects one partition's records of a processing step, in the order they come out. */
    public static final class Builder {
        private final List<byte[]> records = new ArrayList<>();
        private long[] arrivals = new long[8];

        public void add(byte[] record, long arrivalMillis) {
            if (records.size() == arrivals.length) {
                arrivals = java.util.Arrays.copyOf(arrivals, arrivals.length * 2);
            }
            arrivals[records.size()] = arrivalMillis;
            records.add(record);
        }

        public PartitionChunk build() {
            return new PartitionChunk(List.copyOf(records), java.util.Arrays.copyOf(arrivals, records.size()));
        }
    }
}
