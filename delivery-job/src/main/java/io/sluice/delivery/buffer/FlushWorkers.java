package io.sluice.delivery.buffer;

import io.sluice.delivery.Destinations;
import java.io.IOException;
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

    /** One piece of work with a thread's {@link Destinations}. */
    interface Work<T> {
        T run(Destinations destinations) throws IOException;
    }

    private final ExecutorService executor;
    private final ThreadLocal<Destinations> delivery;

    FlushWorkers(int threads, String name, Supplier<Destinations> newDelivery) {
        this.delivery = ThreadLocal.withInitial(newDelivery);
        this.executor = threads == 0 ? null : Executors.newFixedThreadPool(threads, daemonThreads(name));
    }

    /** Runs {@code work} (a flush, a processing step); the future holds its result (objects in it are not visible yet). */
    <T> CompletableFuture<T> submit(Work<T> work) {
        if (executor == null) {
            return run(work);
        }
        return CompletableFuture.supplyAsync(() -> run(work), executor).thenCompose(f -> f);
    }

    private <T> CompletableFuture<T> run(Work<T> work) {
        try {
            return CompletableFuture.completedFuture(work.run(delivery.get()));
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
