package io.sluice.tests;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * A consumer for failure tests: one thread that reads every shard of a stream from {@code TRIM_HORIZON} with
 * GetRecords, round robin, and reads on through failures (after an error it asks for a new iterator after the last
 * sequence number it saw). What it saw per shard ({@code <sequence number>=<data>}) must equal what is stored.
 */
final class TailingConsumer {

    private final URI endpoint;
    private final String stream;
    private final List<Shard> shards;
    private final Map<String, List<String>> seen = new HashMap<>();
    private final Thread thread;
    private volatile boolean stopped;

    TailingConsumer(URI endpoint, String stream, List<Shard> shards) {
        this.endpoint = endpoint;
        this.stream = stream;
        this.shards = shards;
        shards.forEach(s -> seen.put(s.shardId(), new ArrayList<>()));
        this.thread = new Thread(this::consume, "consumer");
    }

    void start() {
        thread.start();
    }

    private void consume() {
        Map<String, String> iterators = new HashMap<>();
        Map<String, String> last = new HashMap<>();
        // GetRecords is safe to repeat: the consumer retries through the SDK's default policy, and reads on after it.
        try (KinesisClient kinesis = RetryingProducers.client(endpoint, RetryPolicy.defaultRetryPolicy())) {
            while (!stopped) {
                int read = 0;
                for (Shard shard : shards) {
                    String id = shard.shardId();
                    try {
                        String iterator = iterators.get(id);
                        if (iterator == null) {
                            iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(id).shardIteratorType(
                                    last.containsKey(id) ? ShardIteratorType.AFTER_SEQUENCE_NUMBER : ShardIteratorType.TRIM_HORIZON)
                                    .startingSequenceNumber(last.get(id))).shardIterator();
                        }
                        String from = iterator;
                        GetRecordsResponse page = kinesis.getRecords(b -> b.shardIterator(from).limit(1000));
                        synchronized (seen) {
                            for (Record r : page.records()) {
                                seen.get(id).add(r.sequenceNumber() + "=" + r.data().asUtf8String());
                                last.put(id, r.sequenceNumber());
                            }
                            read += page.records().size();
                        }
                        iterators.put(id, page.nextShardIterator());
                    } catch (RuntimeException e) {
                        iterators.remove(id); // read on after the last record seen, with a new iterator
                    }
                }
                if (read == 0) {
                    idle();
                }
            }
        }
    }

    /** A pause between rounds that found nothing, as KCL's idle time between reads (shards allow 5 reads a second). */
    private static void idle() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the consumer read of a shard so far, in order. */
    List<String> seen(String shardId) {
        synchronized (seen) {
            return List.copyOf(seen.get(shardId));
        }
    }

    /** Waits until the consumer has read as many records of each shard as {@code stored} holds. */
    void awaitSeen(Map<String, List<Record>> stored, Duration timeout) throws InterruptedException {
        Streams.await("the consumer read everything stored", () -> stored.entrySet().stream()
                .allMatch(e -> seen(e.getKey()).size() >= e.getValue().size()), timeout);
    }

    void stop() throws InterruptedException {
        stopped = true;
        thread.join(Duration.ofSeconds(60).toMillis());
    }
}
