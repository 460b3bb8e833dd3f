package io.sluice.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.model.SequenceNumber;
import io.sluice.ingest.api.StreamMode;
import io.sluice.ingest.catalog.ShardMetadata;
import io.sluice.ingest.catalog.StreamMetadata;
import io.sluice.ingest.catalog.StreamStatus;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Replay's bounds, queries and plans without a cluster: parsing, what is refused before anything runs, lineage order. */
class ReplayQueryTest {

    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final BigInteger HALF = BigInteger.ONE.shiftLeft(127);

    @Test
    void boundsAreIsoTimesEpochMillisOrSequenceNumbers() throws Exception {
        assertThat(ReplayBound.parse("--start", "2026-12-05T12:00:00Z")).isEqualTo(ReplayBound.time(1_796_472_000_000L));
        assertThat(ReplayBound.parse("--start", "2026-12-05T13:00:00+01:00")).isEqualTo(ReplayBound.time(1_796_472_000_000L));
        assertThat(ReplayBound.parse("--start", "1796472000000")).isEqualTo(ReplayBound.time(1_796_472_000_000L));
        String seq = SequenceNumber.format(42, 3, 1, 7);
        assertThat(ReplayBound.parse("--end", seq)).isEqualTo(ReplayBound.sequence(seq));
        assertThatThrownBy(() -> ReplayBound.parse("--end", "yesterday"))
                .isInstanceOf(ReplayException.class)
                .hasMessage("--end=yesterday is neither an arrival time (ISO-8601 such as 2026-12-05T12:00:00Z, or epoch milliseconds)"
                        + " nor a Sluice sequence number (51 digits)");
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsEmptyBeforeAnythingRuns() {
        assertThatThrownBy(() -> ReplayQuery.of("s").withRange(ReplayBound.time(2000), ReplayBound.time(1999)).validated())
                .isInstanceOf(ReplayException.class)
                .hasMessage("The range is empty: --start=1970-01-01T00:00:02Z is after --end=1970-01-01T00:00:01.999Z");
        String later = SequenceNumber.format(42, 3, 1, 8);
        String earlier = SequenceNumber.format(42, 3, 1, 7);
        assertThatThrownBy(() -> ReplayQuery.of("s").withRange(ReplayBound.sequence(later), ReplayBound.sequence(earlier)).validated())
                .hasMessageStartingWith("The range is empty");
    }

    @Test
    void aSequenceNumberBoundSelectsItsShardAndRefusesAnother() throws Exception {
        String seq = SequenceNumber.format(42, 3, 0, 7);
        assertThat(ReplayQuery.of("s").withRange(ReplayBound.sequence(seq), null).validated().shardIds())
                .containsExactly("shardId-000000000003");
        assertThatThrownBy(() -> ReplayQuery.of("s").withShards(List.of("shardId-000000000001")).withRange(ReplayBound.sequence(seq), null).validated())
                .hasMessage("Sequence number " + seq + " belongs to shardId-000000000003: a range bounded by a sequence number replays that"
                        + " one shard (--shards=shardId-000000000003)");
        assertThatThrownBy(() -> ReplayQuery.of("s").withShards(List.of("shard-one")).validated())
                .hasMessage("--shards: shard-one is not a shard id (shardId-000000000000)");
    }

    @Test
    void plansReadParentsBeforeChildrenAndCheckShardsAndStreamTags() throws Exception {
        // 0 and 1 merged into 4; 4 split into 5 and 6; 2 and 3 untouched (listed out of order on purpose).
        StreamMetadata stream = stream(List.of(
                shard(6, 4, null), shard(3, null, null), shard(5, 4, null), shard(4, 0, 1), shard(1, null, null), shard(0, null, null),
                shard(2, null, null)));
        ReplayPlan plan = ReplayPlan.of(stream, ReplayQuery.of("s").validated());
        assertThat(plan.shards()).extracting(ShardPlan::shardId).containsExactly("shardId-000000000000", "shardId-000000000001",
                "shardId-000000000002", "shardId-000000000003", "shardId-000000000004", "shardId-000000000005", "shardId-000000000006");
        assertThat(plan.shards().get(4).shardKey()).isEqualTo("s/1/4");

        // A child listed before a parent with a lower index than an unrelated shard: lineage still wins over the index.
        StreamMetadata merged = stream(List.of(shard(1, null, null), shard(2, 3, null), shard(3, null, null)));
        assertThat(ReplayPlan.of(merged, ReplayQuery.of("s").validated()).shards()).extracting(ShardPlan::shardIndex).containsExactly(1, 3, 2);

        assertThatThrownBy(() -> ReplayPlan.of(stream, ReplayQuery.of("s").withShards(List.of("shardId-000000000009")).validated()))
                .hasMessageStartingWith("Stream s has no shard shardId-000000000009 in this savepoint; its shards are shardId-000000000006, ");
        String foreign = SequenceNumber.format(stream.streamTag() + 1, 2, 0, 0);
        assertThatThrownBy(() -> ReplayPlan.of(stream, ReplayQuery.of("s").withRange(ReplayBound.sequence(foreign), null).validated()))
                .hasMessage("Sequence number " + foreign + " is not from stream s (this incarnation's numbers carry the tag " + stream.streamTag() + ")");
    }

    private static ShardMetadata shard(int index, Integer parent, Integer adjacent) {
        return new ShardMetadata(index, BigInteger.ZERO, index % 2 == 0 ? HALF : MAX, parent, adjacent, 0, null);
    }

    private static StreamMetadata stream(List<ShardMetadata> shards) {
        return new StreamMetadata("s", 1, StreamStatus.ACTIVE, StreamMode.PROVISIONED, 0, 24, shards, new TreeMap<>(), List.of(), Set.of(), List.of());
    }
}
