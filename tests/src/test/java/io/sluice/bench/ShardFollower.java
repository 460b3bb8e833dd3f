package io.sluice.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The consumer side of a run: follows one shard from LATEST with GetRecords, back to back while records
 * come and {@code pollMillis} apart when the shard is idle, and records each record's put→get
 * visibility (the send time the producer wrote into it).
 */
final class ShardFollower {

    private final KinesisAsyncClient kinesis;
    private final String stream;
    private final String shardId;
    private final Payloads payloads;
    private final Tally tally;
    private final MeasuredWindow window;
    private final ScheduledExecutorService timer;
    private final long pollMillis;
    private volatile boolean running = true;

    ShardFollower(KinesisAsyncClient kinesis, String stream, String shardId, Payloads payloads, Tally tally,
            MeasuredWindow window, ScheduledExecutorService timer, long pollMillis) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.shardId = shardId;
        this.payloads = payloads;
        this.tally = tally;
        this.window = window;
        this.timer = timer;
        this.pollMillis = pollMillis;
    }

    /** Takes a LATEST iterator now (so every later put is seen) and starts following. */
    void start() {
        String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.LATEST)).join().shardIterator();
        poll(iterator);
    }

    void stop() {
        running = false;
    }

    private void poll(String iterator) {
        if (!running || iterator == null) {
            return;
        }
        kinesis.getRecords(b -> b.shardIterator(iterator).limit(10_000)).whenComplete((response, failure) -> {
            if (failure != null) {
                tally.error("GetRecords", failure);
                timer.schedule(() -> poll(iterator), 100, TimeUnit.MILLISECONDS);
                return;
            }
            long now = System.nanoTime();
            for (Record r : response.records()) {
                ByteBuffer data = r.data().asByteBuffer();
                long sentAt = payloads.sentAt(data);
                if (sentAt < 0) {
                    continue;
                }
                tally.seen.increment();
                if (window.contains(sentAt)) {
                    tally.visibilityMicros.recordValue(Math.max(0, (now - sentAt) / 1000));
                }
            }
            String next = response.nextShardIterator();
            if (response.records().isEmpty()) {
                timer.schedule(() -> poll(next), pollMillis, TimeUnit.MILLISECONDS);
            } else {
                timer.execute(() -> poll(next));
            }
        });
    }
}
