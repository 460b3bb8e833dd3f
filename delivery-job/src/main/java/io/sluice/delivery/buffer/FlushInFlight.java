package io.sluice.delivery.buffer;

import io.sluice.delivery.catalog.DeliveryStream;
import io.sluice.delivery.s3.S3Delivery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A flush handed to the {@link FlushWorkers}: the buffered batches numbered {@code from} (inclusive) to
 * {@code to} (exclusive), held in memory while they are written. Its batches stay in the buffer's state
 * until the flush is done, so a checkpoint taken meanwhile still holds them and a restore writes them
 * again; the object this attempt was writing is never committed. A failed flush waits for
 * {@code retryAt} and is written again, taking along what was buffered after it if it is the newest.
 */
final class FlushInFlight {

    final long from;
    long to;
    final List<BufferedBatch> batches;
    long bytes;
    long records;
    long oldestArrival;
    /** The running attempt, or {@code null} while a failed flush waits for its retry. */
    CompletableFuture<S3Delivery.Processed> attempt;
    /** The settings the running (or last) attempt was started under. */
    DeliveryStream launchedWith;
    /** When a failed flush is tried again (processing time). */
    long retryAt;
    int failures;

    FlushInFlight(long from, long to, List<BufferedBatch> batches) {
        this.from = from;
        this.to = to;
        this.batches = new ArrayList<>(batches);
        this.oldestArrival = Long.MAX_VALUE;
        take(batches);
    }

    /** Adds batches numbered from {@code to} on (what was buffered after this flush, taken by its retry). */
    void extend(long newTo, List<BufferedBatch> more) {
        to = newTo;
        batches.addAll(more);
        take(more);
    }

    private void take(List<BufferedBatch> more) {
        for (BufferedBatch b : more) {
            bytes += b.bytes();
            records += b.records().size();
            oldestArrival = Math.min(oldestArrival, b.arrivalMillis());
        }
    }

    boolean running() {
        return attempt != null;
    }
}
