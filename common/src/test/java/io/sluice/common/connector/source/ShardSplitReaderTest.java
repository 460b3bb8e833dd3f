package io.sluice.common.connector.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.junit.jupiter.api.Test;

/** What the fetcher hands the reader per shard: records, the first-answer marker of an empty shard, caught-up markers. */
class ShardSplitReaderTest {

    private static final String FULL = "shardId-000000000000";
    private static final String EMPTY = "shardId-000000000001";

    @Test
    void anEmptyShardsFirstAnswerIsMarkedOnceAndItsLaterRecordsComeAsUsual() throws Exception {
        InMemoryShards kinesis = new InMemoryShards();
        kinesis.put(FULL, "a");
        kinesis.put(FULL, "b");
        kinesis.open(EMPTY);
        ShardSplitReader reader = new ShardSplitReader(kinesis, 100, 200, 0, new ConcurrentHashMap<>(), new AtomicReference<>());
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(split(FULL), split(EMPTY))));

        Map<String, List<String>> first = drain(reader.fetch());
        assertThat(first).containsOnlyKeys(FULL, EMPTY);
        assertThat(first.get(FULL)).containsExactly("a", "b");
        assertThat(first.get(EMPTY)).containsExactly("<first answer>");

        kinesis.put(EMPTY, "c");
        Map<String, List<String>> later = new HashMap<>();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!later.containsKey(EMPTY) && System.nanoTime() < deadline) {
            drain(reader.fetch()).forEach((shard, values) -> later.computeIfAbsent(shard, s -> new ArrayList<>()).addAll(values));
        }
        assertThat(later).containsOnlyKeys(EMPTY);
        assertThat(later.get(EMPTY)).containsExactly("c");
    }

    /**
     * Marking caught-up shards: every empty answer at the tip (MillisBehindLatest 0) is marked with the time its call
     * was sent, an answer with records is not; without marking, only an empty shard's first answer is.
     */
    @Test
    void emptyAnswersAtTheTipAreMarkedCaughtUpWithTheTimeTheCallWasSent() throws Exception {
        InMemoryShards kinesis = new InMemoryShards();
        kinesis.put(FULL, "a");
        ShardSplitReader reader = new ShardSplitReader(kinesis, 100, 200, 0, new ConcurrentHashMap<>(), new AtomicReference<>())
                .markingCaughtUp(true);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(split(FULL))));

        assertThat(drain(reader.fetch())).containsExactly(Map.entry(FULL, List.of("a")));
        List<String> next = new ArrayList<>();
        long before = System.currentTimeMillis();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (next.isEmpty() && System.nanoTime() < deadline) {
            next.addAll(drain(reader.fetch()).getOrDefault(FULL, List.of()));
        }
        long after = System.currentTimeMillis();
        assertThat(next).hasSize(1);
        long at = Long.parseLong(next.get(0).replaceAll("\\D", ""));
        assertThat(at).isBetween(before, after);
    }

    /**
     * Without a byte budget a shard that answered is polled again 200 ms later (the server throttles when it must);
     * with one, a 10,000-byte answer at 1,000 bytes/s keeps the shard waiting 10 s.
     */
    @Test
    void aLargeAnswerWaitsForTheByteBudgetOnlyWhenTheReaderHasOne() throws Exception {
        String tenKilobytes = "x".repeat(10_000);
        InMemoryShards unbudgeted = new InMemoryShards();
        unbudgeted.put(FULL, tenKilobytes);
        ShardSplitReader free = new ShardSplitReader(unbudgeted, 100, 200, 0, new ConcurrentHashMap<>(), new AtomicReference<>());
        free.handleSplitsChanges(new SplitsAddition<>(List.of(split(FULL))));
        assertThat(drain(free.fetch()).get(FULL)).containsExactly(tenKilobytes);
        unbudgeted.put(FULL, "next");
        List<String> next = new ArrayList<>();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (next.isEmpty() && System.nanoTime() < deadline) {
            next.addAll(drain(free.fetch()).getOrDefault(FULL, List.of()));
        }
        assertThat(next).containsExactly("next");

        InMemoryShards budgeted = new InMemoryShards();
        budgeted.put(FULL, tenKilobytes);
        ShardSplitReader paced = new ShardSplitReader(budgeted, 100, 200, 1_000, new ConcurrentHashMap<>(), new AtomicReference<>());
        paced.handleSplitsChanges(new SplitsAddition<>(List.of(split(FULL))));
        assertThat(drain(paced.fetch()).get(FULL)).containsExactly(tenKilobytes);
        budgeted.put(FULL, "next");
        long twoSeconds = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < twoSeconds) {
            assertThat(drain(paced.fetch())).isEmpty();
        }
        assertThat(budgeted.getRecordsCalls()).isEqualTo(1);
    }

    private static ShardSplit split(String shardId) {
        return new ShardSplit("s", shardId, List.of(), StartingPosition.trimHorizon(), null, 0, false);
    }

    private static Map<String, List<String>> drain(RecordsWithSplitIds<FetchedRecord> fetched) {
        Map<String, List<String>> byShard = new HashMap<>();
        for (String shard = fetched.nextSplit(); shard != null; shard = fetched.nextSplit()) {
            List<String> values = byShard.computeIfAbsent(shard, s -> new ArrayList<>());
            for (FetchedRecord r = fetched.nextRecordFromSplit(); r != null; r = fetched.nextRecordFromSplit()) {
                values.add(r.isCaughtUp() ? "<caught up at " + r.arrivalMillis() + ">"
                        : r.isMarker() ? "<first answer>" : new String(r.data(), StandardCharsets.UTF_8));
            }
        }
        return byShard;
    }
}
