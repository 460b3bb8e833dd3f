package io.sluice.delivery.buffer;

/**
 * The bookkeeping of one partition's buffer (state, one entry per open partition): its chunks are numbered
 * {@code first} (the lowest still in state) to {@code next} (exclusive); those below {@code taken} belong to the
 * partition's flush in flight. {@code bytes}, {@code records} and {@code oldestArrival} are those of the chunks not
 * yet taken (the size hint and the object name look at them); {@code dueAt} is when their interval ends (processing
 * time, {@code -1} while there are none). A partition with no chunk left has no entry, and so no longer counts
 * against the active-partition limit.
 */
public record PartitionBuffer(long first, long taken, long next, long bytes, long records, long oldestArrival, long dueAt) {

    /** A partition opened by its first chunk. */
    static PartitionBuffer opened() {
        return new PartitionBuffer(0, 0, 0, 0, 0, Long.MAX_VALUE, -1);
    }

    boolean hasUntaken() {
        return taken < next;
    }

    boolean hasTaken() {
        return first < taken;
    }

    PartitionBuffer withChunk(PartitionChunk chunk) {
        return new PartitionBuffer(first, taken, next + 1, bytes + chunk.bytes(), records + chunk.records().size(),
                Math.min(oldestArrival, chunk.oldestArrival()), dueAt);
    }

    PartitionBuffer withDueAt(long at) {
        return new PartitionBuffer(first, taken, next, bytes, records, oldestArrival, at);
    }

    /** Every untaken chunk goes to a flush: nothing is left waiting, so no interval runs. */
    PartitionBuffer allTaken() {
        return new PartitionBuffer(first, next, next, 0, 0, Long.MAX_VALUE, -1);
    }

    /** The flush of the chunks below {@code upTo} is done: they are gone from state. */
    PartitionBuffer delivered(long upTo) {
        return new PartitionBuffer(upTo, taken, next, bytes, records, oldestArrival, dueAt);
    }
}
