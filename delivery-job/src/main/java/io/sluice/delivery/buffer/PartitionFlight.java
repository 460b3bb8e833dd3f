package io.sluice.delivery.buffer;

import io.sluice.delivery.partition.PartitionKeys;
import io.sluice.delivery.s3.PendingObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A partition buffer's flush handed to the {@link FlushWorkers}: the partition's chunks numbered {@code from}
 * (inclusive) to {@code to} (exclusive), held in memory while they are written as one object. As with
 * {@link FlushInFlight}, the chunks stay in state until the flush is done, so a restore writes them again; a failed
 * flush waits for {@code retryAt} and is written again, taking along what the partition buffered meanwhile. A
 * partition has at most one flush in flight, so its objects hold its records in the order they were processed.
 */
final class PartitionFlight {

    final PartitionKeys partition;
    final long from;
    long to;
    final List<PartitionChunk> chunks;
    long bytes;
    long records;
    long oldestArrival = Long.MAX_VALUE;
    /** The running attempt, or {@code null} while a failed flush waits for its retry. */
    CompletableFuture<List<PendingObject>> attempt;
    long retryAt;
    int failures;
    /** When its first attempt failed (processing time; {@code -1}: none did). Not state: a restore starts the count again. */
    long firstFailureAt = -1;
    /** The last failure's message. */
    String lastError;
    /**
     * Set once the flush failed for longer than the destination's retry duration: from then on its records are written
     * to the error output instead (and that, as in AWS, is retried until it succeeds).
     */
    boolean givenUp;

    PartitionFlight(PartitionKeys partition, long from, long to, List<PartitionChunk> chunks) {
        this.partition = partition;
        this.from = from;
        this.to = to;
        this.chunks = new ArrayList<>(chunks);
        take(chunks);
    }

    /** Adds the chunks numbered from {@code to} on (what the partition buffered after this flush, taken by its retry). */
    void extend(long newTo, List<PartitionChunk> more) {
        to = newTo;
        chunks.addAll(more);
        take(more);
    }

    private void take(List<PartitionChunk> more) {
        for (PartitionChunk c : more) {
            bytes += c.bytes();
            records += c.records().size();
            oldestArrival = Math.min(oldestArrival, c.oldestArrival());
        }
    }

    boolean running() {
        return attempt != null;
    }
}
