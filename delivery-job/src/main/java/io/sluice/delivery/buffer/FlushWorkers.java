package io.sluice.delivery.buffer;

import io.sluice.delivery.Destinations;
import io.sluice.delivery.catalog.DeliveryStream;
import io.sluice.delivery.s3.PendingObject;
import io.sluice.delivery.s3.S3Delivery;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The threads that write flushes, so that a flush (its Lambda calls, compression and upload) never
 * holds up the buffer's task thread, which keeps taking puts and taking part in checkpoints meanwhile.
 * Each thread has its own {@link Destinations} (transform functions need not be thread-safe). With no
 * threads, flushes run on the calling thread and their futures are done when {@link #submit} returns
 * (deterministic, for harness tests).
 */
final class FlushWorkers implements AutoCloseable {

    private final ExecutorService executor;
    private final ThreadLocal<Destinations> delivery;

    FlushWorkers(int threads, String name, Supplier<Destinations> newDelivery) {
        this.delivery = ThreadLocal.withInitial(newDelivery);
        this.executor = threads == 0 ? null : Executors.newFixedThreadPool(threads, daemonThreads(name));
    }

    /** Writes {@code flush} of {@code stream}; the future holds its objects, none of them visible yet. */
    CompletableFuture<List<PendingObject>> submit(DeliveryStream stream, S3Delivery.Flush flush) {
        if (executor == null) {
            return write(stream, flush);
        }
        return CompletableFuture.supplyAsync(() -> write(stream, flush), executor).thenCompose(f -> f);
    }

    private CompletableFuture<List<PendingObject>> write(DeliveryStream stream, S3Delivery.Flush flush) {
        try {
            return CompletableFuture.completedFuture(delivery.get().write(stream, flush));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
