package io.sluice.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The producer side of a run: {@code producers} threads, each building calls and sending them through
 * the non-blocking client ({@link PutCall}), with at most {@code inFlight} calls outstanding overall.
 * With a target rate a call is due at a fixed schedule and its latency counts from when it was due, not
 * from when a slot freed up, so a slow server cannot hide its queueing (no coordinated omission).
 */
final class PutDriver {

    private final String operation;
    private final PutCall call;
    private final PutCall.Pacing pacing;
    private final Tally tally;
    private final MeasuredWindow window;
    private final Semaphore slots;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /** {@code operation} names the call in the error counts. */
    PutDriver(String operation, PutCall call, PutCall.Pacing pacing, Tally tally, MeasuredWindow window) {
        this.operation = operation;
        this.call = call;
        this.pacing = pacing;
        this.tally = tally;
        this.window = window;
        this.slots = new Semaphore(pacing.inFlight());
    }

    void start() {
        for (int i = 0; i < pacing.producers(); i++) {
            SplittableRandom random = new SplittableRandom(31L * i + 7);
            Thread t = new Thread(() -> produce(random), "producer-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    /** Stops sending and waits up to {@code seconds} for the calls still outstanding. */
    void stop(long seconds) throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join();
        }
        if (slots.tryAcquire(pacing.inFlight(), seconds, TimeUnit.SECONDS)) {
            slots.release(pacing.inFlight());
        }
    }

    private void produce(SplittableRandom random) {
        long interval = pacing.intervalNanos();
        long due = System.nanoTime();
        while (running) {
            if (interval > 0) {
                due += interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            long sentAt = System.nanoTime();
            long latencyFrom = interval > 0 ? Math.min(due, sentAt) : sentAt;
            call.send(random, sentAt).whenComplete((accepted, failure) -> {
                slots.release();
                long now = System.nanoTime();
                if (failure != null) {
                    tally.error(operation, failure);
                    return;
                }
                tally.acknowledged.add(accepted);
                if (window.contains(now)) {
                    tally.putLatencyMicros.recordValue(Math.max(0, (now - latencyFrom) / 1000));
                    tally.acceptedInWindow.add(accepted);
                    tally.callsInWindow.increment();
                }
            });
        }
    }
}
