package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Load for fault tests: producer threads (each its own sync CBOR client with the SDK's default retry policy, and its own
 * partition key, so its records share one shard) and one consumer following every shard with GetRecords, all through
 * one endpoint. A put that fails after the SDK's retries is counted as unacknowledged and the producer goes on.
 * {@link #verify} then reads every shard and checks the promise: each acknowledged record exactly once, with the
 * sequence number it was acknowledged with, in acknowledgement order per producer; and everything the consumer saw
 * during the faults is there too, with the same sequence number.
 */
final class FaultLoad implements AutoCloseable {

    /** An acknowledged put. */
    record Ack(String data, String shardId, String sequenceNumber, long startedNanos, long ackedNanos) {}

    private final String stream;
    private final List<KinesisClients.Client> clients = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<List<Ack>> acks = new ArrayList<>();
    private final List<String> failed = new CopyOnWriteArrayList<>();
    private final Map<String, List<Record>> consumed = new HashMap<>();
    private final AtomicInteger ackCount = new AtomicInteger();
    private final AtomicInteger consumerErrors = new AtomicInteger();
    private volatile boolean stopped;

    private FaultLoad(String stream) {
        this.stream = stream;
    }

    static FaultLoad start(URI endpoint, String stream, int producers) {
        FaultLoad load = new FaultLoad(stream);
        for (int p = 0; p < producers; p++) {
            KinesisClients.Client client = KinesisClients.create(KinesisClients.Kind.SYNC_CBOR, endpoint);
            load.clients.add(client);
            List<Ack> mine = Collections.synchronizedList(new ArrayList<>());
            load.acks.add(mine);
            int producer = p;
            load.threads.add(new Thread(() -> load.produce(client.api(), producer, mine), "fault-producer-" + p));
        }
        KinesisClients.Client consumer = KinesisClients.create(KinesisClients.Kind.SYNC_CBOR, endpoint);
        load.clients.add(consumer);
        load.threads.add(new Thread(() -> load.consume(consumer.api()), "fault-consumer"));
        load.threads.forEach(Thread::start);
        return load;
    }

    private void produce(KinesisClient kinesis, int producer, List<Ack> mine) {
        for (int n = 0; !stopped; n++) {
            String data = "p" + producer + "-" + n;
            long started = System.nanoTime();
            try {
                PutRecordResponse put = kinesis.putRecord(b -> b.streamName(stream).partitionKey("producer-" + producer)
                        .data(SdkBytes.fromUtf8String(data)));
                mine.add(new Ack(data, put.shardId(), put.sequenceNumber(), started, System.nanoTime()));
                ackCount.incrementAndGet();
            } catch (SdkException e) {
                failed.add(data);
            }
        }
    }

    private void consume(KinesisClient kinesis) {
        List<String> shards = new ArrayList<>();
        kinesis.listShards(b -> b.streamName(stream)).shards().forEach(s -> shards.add(s.shardId()));
        Map<String, String> iterators = new HashMap<>();
        shards.forEach(s -> consumed.put(s, new CopyOnWriteArrayList<>()));
        while (!stopped) {
            for (String shard : shards) {
                try {
                    String iterator = iterators.get(shard);
                    if (iterator == null) {
                        iterator = iteratorAfterLastSeen(kinesis, shard);
                    }
                    String current = iterator;
                    GetRecordsResponse r = kinesis.getRecords(b -> b.shardIterator(current).limit(1000));
                    consumed.get(shard).addAll(r.records());
                    iterators.put(shard, r.nextShardIterator());
                } catch (SdkException e) {
                    consumerErrors.incrementAndGet();
                    iterators.remove(shard);
                }
            }
            try {
                Thread.sleep(250); // GetRecords pacing (AWS allows 5 calls a second per shard), not synchronisation
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String iteratorAfterLastSeen(KinesisClient kinesis, String shard) {
        List<Record> seen = consumed.get(shard);
        return kinesis.getShardIterator(b -> {
            b.streamName(stream).shardId(shard);
            if (seen.isEmpty()) {
                b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            } else {
                b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(seen.get(seen.size() - 1).sequenceNumber());
            }
        }).shardIterator();
    }

    int acked() {
        return ackCount.get();
    }

    /** Waits until {@code count} puts were acknowledged in all. */
    void awaitAcks(int count, Duration timeout) throws InterruptedException {
        Streams.await(count + " acknowledged puts (have " + acked() + ", " + failed.size() + " failed)", () -> acked() >= count, timeout);
    }

    /** The time from {@code nanos} to the first acknowledgement of a put that started after it. */
    Duration firstAckStartedAfter(long nanos) {
        long first = Long.MAX_VALUE;
        for (List<Ack> mine : acks) {
            synchronized (mine) {
                for (Ack ack : mine) {
                    if (ack.startedNanos() - nanos > 0) {
                        first = Math.min(first, ack.ackedNanos());
                    }
                }
            }
        }
        assertThat(first).as("a put started after the fault was acknowledged").isNotEqualTo(Long.MAX_VALUE);
        return Duration.ofNanos(first - nanos);
    }

    /** Stops the producers and the consumer and waits for them. */
    void stop() throws InterruptedException {
        stopped = true;
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(90).toMillis());
            assertThat(t.isAlive()).as(t.getName() + " stopped").isFalse();
        }
    }

    /** Reads every shard and checks every acknowledged record, printing the counts. */
    void verify(KinesisClient kinesis) {
        Map<String, List<Record>> shards = new HashMap<>();
        kinesis.listShards(b -> b.streamName(stream)).shards()
                .forEach(s -> shards.put(s.shardId(), Streams.readAll(kinesis, stream, s.shardId(), 10_000)));
        Map<String, Map<String, Integer>> positions = new HashMap<>(); // shard -> sequence number -> position
        Map<String, Integer> copies = new HashMap<>();
        shards.forEach((shard, records) -> {
            Map<String, Integer> bySequence = new HashMap<>();
            BigInteger previous = BigInteger.valueOf(-1);
            for (int i = 0; i < records.size(); i++) {
                Record r = records.get(i);
                BigInteger sequence = new BigInteger(r.sequenceNumber());
                assertThat(sequence).as("sequence numbers rise in " + shard).isGreaterThan(previous);
                previous = sequence;
                bySequence.put(r.sequenceNumber(), i);
                copies.merge(r.data().asUtf8String(), 1, Integer::sum);
            }
            positions.put(shard, bySequence);
        });

        int acked = 0;
        int lost = 0;
        int retryCopies = 0;
        for (List<Ack> mine : acks) {
            int lastPosition = -1;
            for (Ack ack : mine) {
                acked++;
                Integer at = positions.getOrDefault(ack.shardId(), Map.of()).get(ack.sequenceNumber());
                if (at == null || !shards.get(ack.shardId()).get(at).data().asUtf8String().equals(ack.data())) {
                    lost++;
                    continue;
                }
                assertThat(at).as("acknowledged records of one producer in acknowledgement order: " + ack).isGreaterThan(lastPosition);
                lastPosition = at;
                retryCopies += copies.get(ack.data()) - 1;
            }
        }
        int failedButStored = (int) failed.stream().filter(copies::containsKey).count();
        int consumedCount = 0;
        int phantom = 0;
        for (Map.Entry<String, List<Record>> seen : consumed.entrySet()) {
            for (Record r : seen.getValue()) {
                consumedCount++;
                Integer at = positions.get(seen.getKey()).get(r.sequenceNumber());
                if (at == null || !shards.get(seen.getKey()).get(at).data().equals(r.data())) {
                    phantom++;
                }
            }
            assertThat(seen.getValue()).extracting(Record::sequenceNumber).as("the consumer saw each record once").doesNotHaveDuplicates();
        }
        int stored = shards.values().stream().mapToInt(List::size).sum();
        System.out.printf("FAULT acked=%d lost=%d duplicated=0 stored=%d failed=%d failedButStored=%d ackedAlsoStoredByARetriedAttempt=%d"
                + " consumerSaw=%d consumerErrors=%d%n", acked, lost, stored, failed.size(), failedButStored, retryCopies,
                consumedCount, consumerErrors.get());
        assertThat(lost).as("acknowledged records lost").isZero();
        assertThat(phantom).as("records the consumer saw that are not in the stream").isZero();
        assertThat(consumedCount).as("the consumer read records during the run").isPositive();
    }

    @Override
    public void close() throws Exception {
        stopped = true;
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(90).toMillis());
        }
        for (KinesisClients.Client client : clients) {
            client.close();
        }
    }
}
