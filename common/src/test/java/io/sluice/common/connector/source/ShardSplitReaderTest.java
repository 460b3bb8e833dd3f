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

/** What the fetcher hands the reader per shard: records, and the first-answer marker of an empty shard. */
class ShardSplitReaderTest {

    private static final String FULL = "shardId-000000000000";
    private static final String EMPTY = "shardId-000000000001";

    @Test
    void anEmptyShardsFirstAnswerIsMarkedOnceAndItsLaterRecordsComeAsUsual() throws Exception {
        InMemoryShards kinesis = new InMemoryShards();
        kinesis.put(FULL, "a");
        kinesis.put(FULL, "b");
        kinesis.open(EMPTY);
        ShardSplitReader reader = new ShardSplitReader(kinesis, 100, 200, new ConcurrentHashMap<>(), new AtomicReference<>());
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

    private static ShardSplit split(String shardId) {
        return new ShardSplit("s", shardId, List.of(), StartingPosition.trimHorizon(), null, 0, false);
    }

    private static Map<String, List<String>> drain(RecordsWithSplitIds<FetchedRecord> fetched) {
        Map<String, List<String>> byShard = new HashMap<>();
        for (String shard = fetched.nextSplit(); shard != null; shard = fetched.nextSplit()) {
            List<String> values = byShard.computeIfAbsent(shard, s -> new ArrayList<>());
            for (FetchedRecord r = fetched.nextRecordFromSplit(); r != null; r = fetched.nextRecordFromSplit()) {
                values.add(r.isFirstAnswer() ? "<first answer>" : new String(r.data(), StandardCharsets.UTF_8));
            }
        }
        return byShard;
    }
}
