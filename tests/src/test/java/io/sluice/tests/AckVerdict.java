package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * What a fault test's acknowledged puts ({@link RetryingProducers}) and the stream's stored records say: the records
 * stored, the acknowledged ones missing (lost), records stored twice (duplicated: each put attempt carries data of its
 * own, so a second copy can only be Sluice's), and the producers whose acknowledged records are not stored in the
 * order they were acknowledged.
 */
record AckVerdict(int stored, List<RetryingProducers.Acked> lost, List<String> duplicated, Set<Integer> outOfOrder) {

    static AckVerdict of(List<RetryingProducers.Acked> acked, Map<String, List<Record>> stored) {
        Map<String, Record> bySequence = new HashMap<>();
        Map<String, Integer> positions = new HashMap<>();
        Set<String> data = new HashSet<>();
        List<String> duplicated = new ArrayList<>();
        int count = 0;
        for (List<Record> shard : stored.values()) {
            for (int i = 0; i < shard.size(); i++) {
                Record r = shard.get(i);
                if (bySequence.put(r.sequenceNumber(), r) != null || !data.add(r.data().asUtf8String())) {
                    duplicated.add(r.sequenceNumber() + "=" + r.data().asUtf8String());
                }
                positions.put(r.sequenceNumber(), i);
                count++;
            }
        }
        List<RetryingProducers.Acked> lost = new ArrayList<>();
        Map<Integer, Integer> lastPosition = new HashMap<>();
        Set<Integer> outOfOrder = new HashSet<>();
        for (RetryingProducers.Acked a : acked) {
            Record r = bySequence.get(a.sequenceNumber());
            if (r == null || !r.data().asUtf8String().equals(a.data()) || !stored.get(a.shardId()).contains(r)) {
                lost.add(a);
                continue;
            }
            int position = positions.get(a.sequenceNumber());
            if (position <= lastPosition.getOrDefault(a.producer(), -1)) {
                outOfOrder.add(a.producer());
            }
            lastPosition.put(a.producer(), position);
        }
        return new AckVerdict(count, lost, duplicated, outOfOrder);
    }

    /**
     * The end of a fault test: reads every shard, waits until {@code consumer} has read all of it, stops it, and asserts
     * that no acknowledged record is lost, none is stored twice, every producer's records are in acknowledgement order,
     * and the consumer read exactly what is stored. Returns the verdict for the test's report.
     */
    static AckVerdict assertExactlyOnce(KinesisClient kinesis, String stream, List<Shard> shards, List<RetryingProducers.Acked> acked,
            TailingConsumer consumer) throws InterruptedException {
        Map<String, List<Record>> stored = new HashMap<>();
        for (Shard shard : shards) {
            stored.put(shard.shardId(), Streams.readAll(kinesis, stream, shard.shardId(), 10_000));
        }
        consumer.awaitSeen(stored, Duration.ofSeconds(120));
        consumer.stop();
        AckVerdict verdict = of(acked, stored);
        assertThat(verdict.lost()).as("acknowledged records lost").isEmpty();
        assertThat(verdict.duplicated()).as("records stored twice").isEmpty();
        assertThat(verdict.outOfOrder()).as("producers whose acknowledged records are out of order").isEmpty();
        for (Shard shard : shards) {
            assertThat(consumer.seen(shard.shardId())).as("what the consumer read on %s", shard.shardId())
                    .containsExactlyElementsOf(stored.get(shard.shardId()).stream()
                            .map(r -> r.sequenceNumber() + "=" + r.data().asUtf8String()).toList());
        }
        return verdict;
    }
}
