package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilter;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountResponse;

/**
 * SplitShard, MergeShards and UpdateShardCount through the SDK: AWS's rules, lineage, closed shards
 * read to their end, ListShards filters over closed shards, and per-key order while writes go on.
 */
class ReshardingITCase extends SluiceITCaseBase {

    private static final BigInteger MAX_HASH = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final BigInteger HALF = BigInteger.ONE.shiftLeft(127);

    @ParameterizedTest
    @EnumSource(Kind.class)
    void splitAndMergeCloseParentsAndOpenChildren(Kind kind) throws Exception {
        String stream = "split-merge-" + kind.name().toLowerCase().replace('_', '-');
        try (Client client = KinesisClients.create(kind, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName(stream).shardCount(2));
            Streams.awaitActive(kinesis, stream);
            BigInteger quarter = BigInteger.ONE.shiftLeft(126);
            // A partition key whose hash is in each half of shard 0's range, and one for shard 1.
            String low = Streams.keyIn(BigInteger.ZERO, quarter.subtract(BigInteger.ONE));
            String high = Streams.keyIn(quarter, HALF.subtract(BigInteger.ONE));
            String other = Streams.keyIn(HALF, MAX_HASH);
            put(kinesis, stream, low, "before-low");
            put(kinesis, stream, high, "before-high");

            kinesis.splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000000").newStartingHashKey(quarter.toString()));
            // Writes after the split go to the children, whether the stream is still UPDATING or not
            // (ReshardingWhileUpdatingITCase checks the UPDATING state itself, with a delay that outlasts the test).
            put(kinesis, stream, low, "after-low");
            put(kinesis, stream, high, "after-high");
            Streams.awaitActive(kinesis, stream);
            long betweenReshards = System.currentTimeMillis();
            Streams.awaitClockPast(betweenReshards + 1);

            List<Shard> afterSplit = kinesis.listShards(b -> b.streamName(stream)).shards();
            assertThat(afterSplit).extracting(Shard::shardId)
                    .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002", "shardId-000000000003");
            Shard parent = afterSplit.get(0);
            assertThat(parent.sequenceNumberRange().endingSequenceNumber()).isNotNull();
            assertThat(afterSplit.get(1).sequenceNumberRange().endingSequenceNumber()).isNull();
            assertRange(afterSplit.get(2), BigInteger.ZERO, quarter.subtract(BigInteger.ONE));
            assertRange(afterSplit.get(3), quarter, HALF.subtract(BigInteger.ONE));
            assertThat(afterSplit.get(2).parentShardId()).isEqualTo("shardId-000000000000");
            assertThat(afterSplit.get(3).parentShardId()).isEqualTo("shardId-000000000000");
            assertThat(afterSplit.get(2).adjacentParentShardId()).isNull();
            assertThat(new BigInteger(afterSplit.get(2).sequenceNumberRange().startingSequenceNumber()))
                    .isGreaterThan(new BigInteger(parent.sequenceNumberRange().endingSequenceNumber()));

            // The closed parent: its records, then no next iterator and its children.
            GetRecordsResponse end = readToEnd(kinesis, stream, "shardId-000000000000");
            assertThat(end.nextShardIterator()).isNull();
            assertThat(end.childShards()).extracting(ChildShard::shardId).containsExactly("shardId-000000000002", "shardId-000000000003");
            assertThat(end.childShards()).allSatisfy(c -> assertThat(c.parentShards()).containsExactly("shardId-000000000000"));
            assertThat(end.childShards().get(1).hashKeyRange().startingHashKey()).isEqualTo(quarter.toString());
            assertThat(texts(Streams.readAll(kinesis, stream, "shardId-000000000000", 100))).containsExactly("before-low", "before-high");
            assertThat(texts(Streams.readAll(kinesis, stream, "shardId-000000000002", 100))).containsExactly("after-low");
            assertThat(texts(Streams.readAll(kinesis, stream, "shardId-000000000003", 100))).containsExactly("after-high");
            // LATEST on a closed shard is its end.
            String latest = kinesis.getShardIterator(b -> b.streamName(stream).shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
            GetRecordsResponse atEnd = kinesis.getRecords(b -> b.shardIterator(latest));
            assertThat(atEnd.records()).isEmpty();
            assertThat(atEnd.nextShardIterator()).isNull();
            assertThat(atEnd.childShards()).hasSize(2);

            assertThatThrownBy(() -> kinesis.splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000000")
                            .newStartingHashKey(BigInteger.TEN.toString())))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("Shard shardId-000000000000 in stream " + stream
                            + " under account 000000000000 has already been merged or split, and thus is not eligible for merging or splitting.");
            assertThatThrownBy(() -> kinesis.splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000003")
                            .newStartingHashKey(quarter.add(BigInteger.ONE).toString())))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("is not both greater than one plus the shard's StartingHashKey " + quarter
                            + " and less than the shard's EndingHashKey " + HALF.subtract(BigInteger.ONE) + ".");
            assertThatThrownBy(() -> kinesis.splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000009")
                            .newStartingHashKey(HALF.toString())))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageContaining("Could not find shard shardId-000000000009 in stream " + stream);
            assertThatThrownBy(() -> kinesis.mergeShards(b -> b.streamName(stream)
                            .shardToMerge("shardId-000000000002").adjacentShardToMerge("shardId-000000000001")))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("are not an adjacent pair of shards eligible for merging");

            put(kinesis, stream, other, "before-merge");
            kinesis.mergeShards(b -> b.streamName(stream).shardToMerge("shardId-000000000003").adjacentShardToMerge("shardId-000000000001"));
            put(kinesis, stream, other, "after-merge");
            Streams.awaitActive(kinesis, stream);

            List<Shard> shards = kinesis.listShards(b -> b.streamName(stream)).shards();
            Shard merged = shards.get(4);
            assertThat(merged.shardId()).isEqualTo("shardId-000000000004");
            assertThat(merged.parentShardId()).isEqualTo("shardId-000000000003");
            assertThat(merged.adjacentParentShardId()).isEqualTo("shardId-000000000001");
            assertRange(merged, quarter, MAX_HASH);
            assertThat(openRangesCoverTheKeySpace(shards)).isTrue();
            GetRecordsResponse end1 = readToEnd(kinesis, stream, "shardId-000000000001");
            assertThat(end1.childShards()).singleElement().satisfies(c -> {
                assertThat(c.shardId()).isEqualTo("shardId-000000000004");
                assertThat(c.parentShards()).containsExactly("shardId-000000000003", "shardId-000000000001");
            });
            assertThat(texts(Streams.readAll(kinesis, stream, "shardId-000000000001", 100))).containsExactly("before-merge");
            assertThat(texts(Streams.readAll(kinesis, stream, "shardId-000000000004", 100))).containsExactly("after-merge");

            // AT_TIMESTAMP across the shards of every generation: only what arrived after the time, per shard.
            Instant at = Instant.ofEpochMilli(betweenReshards + 1);
            Consumer<GetShardIteratorRequest.Builder> atTime = b -> b.shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(at);
            assertThat(texts(Streams.read(kinesis, stream, "shardId-000000000000", atTime))).isEmpty();
            assertThat(texts(Streams.read(kinesis, stream, "shardId-000000000001", atTime))).containsExactly("before-merge");
            assertThat(texts(Streams.read(kinesis, stream, "shardId-000000000002", atTime))).isEmpty();
            assertThat(texts(Streams.read(kinesis, stream, "shardId-000000000004", atTime))).containsExactly("after-merge");
            String pastTheEnd = kinesis.getShardIterator(b -> b.streamName(stream).shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(at)).shardIterator();
            assertThat(kinesis.getRecords(b -> b.shardIterator(pastTheEnd)).childShards()).hasSize(2);

            assertThat(ids(kinesis, stream, f -> f.type(ShardFilterType.AT_LATEST))).containsExactly(2, 4);
            assertThat(ids(kinesis, stream, f -> f.type(ShardFilterType.AT_TRIM_HORIZON))).containsExactly(0, 1);
            assertThat(ids(kinesis, stream, f -> f.type(ShardFilterType.FROM_TRIM_HORIZON))).containsExactly(0, 1, 2, 3, 4);
            Instant between = Instant.ofEpochMilli(betweenReshards);
            assertThat(ids(kinesis, stream, f -> f.type(ShardFilterType.AT_TIMESTAMP).timestamp(between))).containsExactly(1, 2, 3);
            assertThat(ids(kinesis, stream, f -> f.type(ShardFilterType.FROM_TIMESTAMP).timestamp(between))).containsExactly(1, 2, 3, 4);
            assertThat(ids(kinesis, stream, f -> f.type(ShardFilterType.AFTER_SHARD_ID).shardId("shardId-000000000002")))
                    .containsExactly(3, 4);
            assertThat(kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().openShardCount()).isEqualTo(2);
        }
    }

    @Test
    void updateShardCountScalesUniformlyThroughSplitsAndMerges() throws Exception {
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName("scaling").shardCount(3));
            Streams.awaitActive(kinesis, "scaling");

            UpdateShardCountResponse down = kinesis.updateShardCount(b -> b.streamName("scaling").targetShardCount(2).scalingType("UNIFORM_SCALING"));
            assertThat(down.currentShardCount()).isEqualTo(3);
            assertThat(down.targetShardCount()).isEqualTo(2);
            assertThat(down.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/scaling");
            Streams.awaitActive(kinesis, "scaling");
            assertUniformWithTwoParentsAtMost(kinesis, "scaling", 2);

            kinesis.updateShardCount(b -> b.streamName("scaling").targetShardCount(4).scalingType("UNIFORM_SCALING"));
            Streams.awaitActive(kinesis, "scaling");
            assertUniformWithTwoParentsAtMost(kinesis, "scaling", 4);

            assertThatThrownBy(() -> kinesis.updateShardCount(b -> b.streamName("scaling").targetShardCount(9).scalingType("UNIFORM_SCALING")))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessageContaining("at least half and at most double");
            assertThatThrownBy(() -> kinesis.updateShardCount(b -> b.streamName("scaling").targetShardCount(1).scalingType("UNIFORM_SCALING")))
                    .isInstanceOf(LimitExceededException.class);

            kinesis.createStream(b -> b.streamName("on-demand-scaling").streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND)));
            Streams.awaitActive(kinesis, "on-demand-scaling");
            assertThatThrownBy(() -> kinesis.updateShardCount(b -> b.streamName("on-demand-scaling").targetShardCount(8).scalingType("UNIFORM_SCALING")))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("ON_DEMAND");
        }
    }

    @Test
    void malformedReshardRequestsAreValidationErrors() throws Exception {
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            assertThatThrownBy(() -> kinesis.splitShard(b -> b.streamName("v").shardToSplit("shardId-000000000000")))
                    .isInstanceOfSatisfying(KinesisException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
                    .hasMessageContaining("newStartingHashKey");
            assertThatThrownBy(() -> kinesis.splitShard(b -> b.streamName("v").shardToSplit("shard 0").newStartingHashKey("-5")))
                    .isInstanceOfSatisfying(KinesisException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
                    .hasMessageContaining("2 validation errors");
            assertThatThrownBy(() -> kinesis.mergeShards(b -> b.streamName("v").shardToMerge("shardId-000000000000")))
                    .isInstanceOfSatisfying(KinesisException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
                    .hasMessageContaining("adjacentShardToMerge");
            assertThatThrownBy(() -> kinesis.updateShardCount(b -> b.streamName("v").targetShardCount(0).scalingType("HALF_SCALING")))
                    .isInstanceOfSatisfying(KinesisException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
                    .hasMessageContaining("Member must satisfy enum value set: [UNIFORM_SCALING]")
                    .hasMessageContaining("Member must have value greater than or equal to 1");
            assertThatThrownBy(() -> kinesis.updateShardCount(b -> b.streamName("nowhere").targetShardCount(2).scalingType("UNIFORM_SCALING")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    /**
     * A producer writes 20 keys, each with a running counter, and waits for every PutRecords before
     * the next, while the stream is split, merged and scaled. A consumer that reads every shard to its
     * end and moves on to a child only when all its parents are done (ChildShards) sees each key's
     * counter exactly once, in order.
     */
    @Test
    void perKeyOrderHoldsAcrossReshardsWhileWritesGoOn() throws Exception {
        String stream = "ordered";
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint());
                Client producerClient = KinesisClients.create(Kind.ASYNC_HTTP2, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName(stream).shardCount(2));
            Streams.awaitActive(kinesis, stream);
            KeyedProducer producer = new KeyedProducer(producerClient.api(), stream, 20, false);
            Thread writer = new Thread(producer, "ordered-producer");
            writer.start();
            producer.awaitBatches(3);
            kinesis.splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000001").newStartingHashKey(HALF.add(HALF.shiftRight(1)).toString()));
            producer.awaitBatches(producer.batches() + 3);
            Streams.awaitActive(kinesis, stream);
            kinesis.mergeShards(b -> b.streamName(stream).shardToMerge("shardId-000000000000").adjacentShardToMerge("shardId-000000000002"));
            producer.awaitBatches(producer.batches() + 3);
            Streams.awaitActive(kinesis, stream);
            kinesis.updateShardCount(b -> b.streamName(stream).targetShardCount(3).scalingType("UNIFORM_SCALING"));
            producer.awaitBatches(producer.batches() + 3);
            Streams.awaitActive(kinesis, stream);
            producer.stop();
            writer.join();
            assertThat(producer.failure()).isNull();

            Map<String, List<Integer>> seen = consumeInLineageOrder(kinesis, stream);
            assertThat(seen.keySet()).hasSize(20);
            for (Map.Entry<String, List<Integer>> e : seen.entrySet()) {
                int sent = producer.sent(e.getKey());
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < sent; i++) {
                    expected.add(i);
                }
                assertThat(e.getValue()).as("counters of key %s", e.getKey()).isEqualTo(expected);
            }
        }
    }

    /** Reads every shard of the stream to its end, a child only after all of its parents. */
    private static Map<String, List<Integer>> consumeInLineageOrder(KinesisClient kinesis, String stream) throws Exception {
        Map<String, Shard> shards = new HashMap<>();
        kinesis.listShards(b -> b.streamName(stream)).shards().forEach(s -> shards.put(s.shardId(), s));
        Map<String, Integer> perShard = new HashMap<>();
        Map<String, List<Integer>> seen = new LinkedHashMap<>();
        Map<String, List<String>> waitingOn = new HashMap<>();
        List<String> ready = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (Shard shard : kinesis.listShards(b -> b.streamName(stream).shardFilter(f -> f.type(ShardFilterType.AT_TRIM_HORIZON))).shards()) {
            ready.add(shard.shardId());
        }
        while (!ready.isEmpty()) {
            String shardId = ready.remove(0);
            String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse r = kinesis.getRecords(b -> b.shardIterator(current).limit(37));
                for (Record record : r.records()) {
                    String[] parts = record.data().asUtf8String().split(":");
                    assertThat(record.partitionKey()).isEqualTo(parts[0]);
                    seen.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
                    // Every record is in the shard whose range holds its key's hash.
                    assertThat(Streams.md5(record.partitionKey())).isBetween(min(shards.get(shardId)), max(shards.get(shardId)));
                    perShard.merge(shardId, 1, Integer::sum);
                }
                iterator = r.nextShardIterator();
                if (iterator == null) {
                    done.add(shardId);
                    for (ChildShard child : r.childShards()) {
                        List<String> missing = waitingOn.computeIfAbsent(child.shardId(), k -> new ArrayList<>(child.parentShards()));
                        missing.remove(shardId);
                        if (missing.isEmpty() && !ready.contains(child.shardId()) && !done.contains(child.shardId())) {
                            ready.add(child.shardId());
                        }
                    }
                } else if (r.records().isEmpty() && r.millisBehindLatest() == 0) {
                    break; // an open shard, read to its current end (the producer has stopped)
                }
            }
        }
        assertThat(done).as("closed shards read to their end").isNotEmpty();
        // Writes went on through every reshard: the shards open at the end have records too.
        for (Shard open : kinesis.listShards(b -> b.streamName(stream).shardFilter(f -> f.type(ShardFilterType.AT_LATEST))).shards()) {
            assertThat(perShard).as("records of open shard %s", open.shardId()).containsKey(open.shardId());
        }
        return seen;
    }

    private static void assertUniformWithTwoParentsAtMost(KinesisClient kinesis, String stream, int count) {
        List<Shard> shards = kinesis.listShards(b -> b.streamName(stream)).shards();
        List<Shard> open = shards.stream().filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
                .sorted(Comparator.comparing(s -> new BigInteger(s.hashKeyRange().startingHashKey()))).toList();
        assertThat(open).hasSize(count);
        BigInteger space = BigInteger.ONE.shiftLeft(128);
        for (int i = 0; i < count; i++) {
            BigInteger start = space.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(count));
            BigInteger end = space.multiply(BigInteger.valueOf(i + 1L)).divide(BigInteger.valueOf(count)).subtract(BigInteger.ONE);
            assertRange(open.get(i), start, end);
        }
        Map<String, Shard> byId = new HashMap<>();
        shards.forEach(s -> byId.put(s.shardId(), s));
        for (Shard s : shards) {
            // Every child's range is exactly its parents' ranges together.
            if (s.parentShardId() != null) {
                Shard p = byId.get(s.parentShardId());
                Shard a = s.adjacentParentShardId() == null ? null : byId.get(s.adjacentParentShardId());
                BigInteger lo = a == null ? min(p) : min(p).min(min(a));
                BigInteger hi = a == null ? max(p) : max(p).max(max(a));
                if (a != null) {
                    assertThat(new BigInteger(s.hashKeyRange().startingHashKey())).isEqualTo(lo);
                    assertThat(new BigInteger(s.hashKeyRange().endingHashKey())).isEqualTo(hi);
                } else {
                    assertThat(new BigInteger(s.hashKeyRange().startingHashKey())).isBetween(lo, hi);
                    assertThat(new BigInteger(s.hashKeyRange().endingHashKey())).isBetween(lo, hi);
                }
                assertThat(p.sequenceNumberRange().endingSequenceNumber()).isNotNull();
            }
        }
        assertThat(openRangesCoverTheKeySpace(shards)).isTrue();
    }

    private static BigInteger min(Shard s) {
        return new BigInteger(s.hashKeyRange().startingHashKey());
    }

    private static BigInteger max(Shard s) {
        return new BigInteger(s.hashKeyRange().endingHashKey());
    }

    private static boolean openRangesCoverTheKeySpace(List<Shard> shards) {
        List<Shard> open = shards.stream().filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
                .sorted(Comparator.comparing(ReshardingITCase::min)).toList();
        BigInteger next = BigInteger.ZERO;
        for (Shard s : open) {
            if (!min(s).equals(next)) {
                return false;
            }
            next = max(s).add(BigInteger.ONE);
        }
        return next.equals(MAX_HASH.add(BigInteger.ONE));
    }

    private static List<Integer> ids(KinesisClient kinesis, String stream, Consumer<ShardFilter.Builder> filter) {
        return kinesis.listShards(b -> b.streamName(stream).shardFilter(filter)).shards().stream()
                .map(s -> Integer.parseInt(s.shardId().substring("shardId-".length()))).toList();
    }

    private static GetRecordsResponse readToEnd(KinesisClient kinesis, String stream, String shardId) {
        String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            String current = iterator;
            GetRecordsResponse r = kinesis.getRecords(b -> b.shardIterator(current));
            if (r.nextShardIterator() == null) {
                return r;
            }
            iterator = r.nextShardIterator();
        }
        throw new AssertionError("Shard " + shardId + " did not end");
    }

    private static void put(KinesisClient kinesis, String stream, String key, String text) {
        kinesis.putRecord(b -> b.streamName(stream).partitionKey(key).data(SdkBytes.fromUtf8String(text)));
    }

    private static List<String> texts(List<Record> records) {
        return records.stream().map(r -> r.data().asUtf8String()).toList();
    }

    private static void assertRange(Shard shard, BigInteger start, BigInteger end) {
        assertThat(shard.hashKeyRange().startingHashKey()).as("start of %s", shard.shardId()).isEqualTo(start.toString());
        assertThat(shard.hashKeyRange().endingHashKey()).as("end of %s", shard.shardId()).isEqualTo(end.toString());
    }
}
