package io.sluice.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * The producer side of a run: {@code producers} threads, each building calls and sending them through
 * the non-blocking client, with at most {@code inFlight} calls outstanding overall. With a target rate a
 * call is due at a fixed schedule and its latency counts from when it was due, not from when a slot
 * freed up, so a slow server cannot hide its queueing (no coordinated omission).
 */
final class PutDriver {

    private final KinesisAsyncClient kinesis;
    private final LoadSpec spec;
    private final String stream;
    private final Payloads payloads;
    private final Tally tally;
    private final MeasuredWindow window;
    private final Semaphore slots;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    PutDriver(KinesisAsyncClient kinesis, LoadSpec spec, String stream, Payloads payloads, Tally tally, MeasuredWindow window) {
        this.kinesis = kinesis;
        this.spec = spec;
        this.stream = stream;
        this.payloads = payloads;
        this.tally = tally;
        this.window = window;
        this.slots = new Semaphore(spec.inFlight());
    }

    void start() {
        for (int i = 0; i < spec.producers(); i++) {
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
        if (slots.tryAcquire(spec.inFlight(), seconds, TimeUnit.SECONDS)) {
            slots.release(spec.inFlight());
        }
    }

    private void produce(SplittableRandom random) {
        long interval = spec.targetRecordsPerSecond() > 0
                ? Math.max(1, (long) (spec.recordsInCall() * 1e9 * spec.producers() / spec.targetRecordsPerSecond()))
                : 0;
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
            send(random, sentAt).whenComplete((accepted, failure) -> {
                slots.release();
                long now = System.nanoTime();
                if (failure != null) {
                    tally.error(spec.recordsPerCall() == 0 ? "PutRecord" : "PutRecords", failure);
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

    /** Sends one call; completes with the number of records the server accepted. */
    private CompletableFuture<Integer> send(SplittableRandom random, long sentAt) {
        if (spec.recordsPerCall() == 0) {
            SdkBytes data = SdkBytes.fromByteArrayUnsafe(payloads.next(random, sentAt));
            String key = spec.keys().next(random);
            return kinesis.putRecord(b -> b.streamName(stream).partitionKey(key).data(data)).thenApply(r -> 1);
        }
        List<PutRecordsRequestEntry> entries = new ArrayList<>(spec.recordsPerCall());
        for (int i = 0; i < spec.recordsPerCall(); i++) {
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(spec.keys().next(random))
                    .data(SdkBytes.fromByteArrayUnsafe(payloads.next(random, sentAt)))
                    .build());
        }
        return kinesis.putRecords(b -> b.streamName(stream).records(entries)).thenApply(response -> {
            Integer failed = response.failedRecordCount();
            if (failed != null && failed > 0) {
                tally.failedRecords.add(failed);
                for (PutRecordsResultEntry r : response.records()) {
                    if (r.errorCode() != null) {
                        tally.error("PutRecords.Record", r.errorCode());
                    }
                }
            }
            return entries.size() - (failed == null ? 0 : failed);
        });
    }
}
