package io.sluice.ingest.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.error.LimitExceededException;
import io.sluice.common.model.HashKeyRange;
import io.sluice.ingest.IngestSettings;
import io.sluice.ingest.api.MergeShardsRequest;
import io.sluice.ingest.api.SplitShardRequest;
import io.sluice.ingest.api.StreamMode;
import io.sluice.ingest.shard.ShardLimits;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The shard maps that reshards produce: lineage, ranges and AWS's rules, without a cluster. */
class ReshardingTest {

    private static final long HOUR = 1_000;
    private static final IngestSettings SETTINGS = new IngestSettings(
            "us-east-1", "000000000000", "secret", Duration.ofHours(24), Duration.ofMillis(HOUR), 500, 50, Duration.ZERO, Duration.ZERO,
            ShardLimits.AWS);
    private final Resharding resharding = new Resharding(SETTINGS);

    @Test
    void uniformScalingReachesEqualRangesWithAtMostTwoParentsFromAnyMap() {
        for (int from = 1; from <= 9; from++) {
            int open = from + 1;
            for (int to = (open + 1) / 2; to <= 2 * open; to++) {
                if (to == open) {
                    continue;
                }
                StreamMetadata s = stream(from, StreamMode.PROVISIONED);
                // Make the starting map uneven: split the first shard off-centre where it is wide enough.
                ShardMetadata first = s.shard(0);
                BigInteger key = first.startHash().add(first.endHash().subtract(first.startHash()).divide(BigInteger.valueOf(3)));
                s = apply(s, resharding.split(s, new SplitShardRequest("s", "shardId-000000000000", key), 10));
                StreamMetadata scaled = apply(s, resharding.scale(s, to, 20));
                assertLineage(scaled);
                assertThat(openRanges(scaled)).as("%d (uneven) -> %d", open, to).isEqualTo(HashKeyRange.splitEvenly(to));
            }
        }
    }

    @Test
    void shardsWhoseRangeIsAlreadyRightStayOpen() {
        StreamMetadata s = stream(2, StreamMode.PROVISIONED);
        StreamMetadata scaled = apply(s, resharding.scale(s, 4, 5));
        // 2 -> 4 splits each shard once: four children, no merges.
        assertThat(scaled.shards()).hasSize(6);
        assertThat(scaled.shards().subList(2, 6)).allSatisfy(c -> assertThat(c.adjacentParentIndex()).isNull());
        StreamMetadata back = apply(scaled, resharding.scale(scaled, 2, 6));
        assertThat(back.shards()).hasSize(8);
        assertThat(back.shard(6).parentIndex()).isEqualTo(2);
        assertThat(back.shard(6).adjacentParentIndex()).isEqualTo(3);
    }

    @Test
    void rulesAreAwss() {
        StreamMetadata s = stream(2, StreamMode.PROVISIONED);
        assertThatThrownBy(() -> resharding.scale(s, 5, 1)).isInstanceOf(LimitExceededException.class);
        assertThatThrownBy(() -> resharding.scale(stream(5, StreamMode.PROVISIONED), 2, 1)).isInstanceOf(LimitExceededException.class);
        assertThat(openRanges(apply(s, resharding.scale(stream(5, StreamMode.PROVISIONED), 3, 1)))).isNotEmpty();
        assertThatThrownBy(() -> resharding.scale(stream(2, StreamMode.ON_DEMAND), 3, 1))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("ON_DEMAND");
        assertThatThrownBy(() -> resharding.merge(s, new MergeShardsRequest("s", "shardId-000000000000", "shardId-000000000000"), 1))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("not an adjacent pair");
        // Either order of an adjacent pair merges; the child's parent is ShardToMerge.
        StreamMetadata merged = apply(s, resharding.merge(s, new MergeShardsRequest("s", "shardId-000000000001", "shardId-000000000000"), 1));
        assertThat(merged.shard(2).parentIndex()).isEqualTo(1);
        assertThat(merged.shard(2).adjacentParentIndex()).isEqualTo(0);
        assertThat(openRanges(merged)).isEqualTo(HashKeyRange.splitEvenly(1));
        // Split keys: more than start + 1, less than the end.
        ShardMetadata zero = s.shard(0);
        assertThatThrownBy(() -> resharding.split(s, new SplitShardRequest("s", "shardId-000000000000", zero.startHash().add(BigInteger.ONE)), 1))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> resharding.split(s, new SplitShardRequest("s", "shardId-000000000000", zero.endHash()), 1))
                .isInstanceOf(InvalidArgumentException.class);
        StreamMetadata tight = apply(s, resharding.split(s, new SplitShardRequest("s", "shardId-000000000000", BigInteger.TWO), 1));
        assertThat(tight.shard(2).endHash()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void tenScalingsADayAtMost() {
        StreamMetadata s = stream(2, StreamMode.PROVISIONED);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < Resharding.MAX_SCALINGS_PER_DAY; i++) {
            times.add(100L + i);
        }
        StreamMetadata busy = s.withScalingMillis(times);
        assertThatThrownBy(() -> resharding.scale(busy, 3, 200)).isInstanceOf(LimitExceededException.class).hasMessageContaining("24 hours");
        // A day (24 configured hours) after the first one, there is room again.
        assertThat(resharding.recentScalings(busy, 100 + 24 * HOUR)).hasSize(9);
        assertThat(resharding.scale(busy, 3, 100 + 24 * HOUR).shards()).isNotEmpty();
    }

    @Test
    void closedShardsLeaveTheMapOnceTheirRecordsHaveExpired() {
        StreamMetadata s = stream(1, StreamMode.PROVISIONED);
        StreamMetadata split = apply(s, resharding.split(s, new SplitShardRequest("s", "shardId-000000000000", BigInteger.TEN), 1_000));
        Resharding.Outcome soon = resharding.merge(split, new MergeShardsRequest("s", "shardId-000000000001", "shardId-000000000002"), 2_000);
        assertThat(soon.forgotten()).isEmpty();
        Resharding.Outcome later = resharding.merge(split, new MergeShardsRequest("s", "shardId-000000000001", "shardId-000000000002"),
                1_000 + 24 * HOUR);
        assertThat(later.forgotten()).containsExactly(0);
        assertThat(later.shards()).extracting(ShardMetadata::index).containsExactly(1, 2, 3);
    }

    /** Every reshard child has closed parents, at most two, and its range lies within theirs. */
    private static void assertLineage(StreamMetadata s) {
        Map<Integer, ShardMetadata> byIndex = new HashMap<>();
        s.shards().forEach(x -> byIndex.put(x.index(), x));
        for (ShardMetadata shard : s.shards()) {
            if (shard.parentIndex() == null) {
                continue;
            }
            ShardMetadata parent = byIndex.get(shard.parentIndex());
            assertThat(parent.isOpen()).isFalse();
            BigInteger lo = parent.startHash();
            BigInteger hi = parent.endHash();
            if (shard.adjacentParentIndex() != null) {
                ShardMetadata adjacent = byIndex.get(shard.adjacentParentIndex());
                assertThat(adjacent.isOpen()).isFalse();
                assertThat(parent.endHash().add(BigInteger.ONE).equals(adjacent.startHash())
                        || adjacent.endHash().add(BigInteger.ONE).equals(parent.startHash())).isTrue();
                lo = lo.min(adjacent.startHash());
                hi = hi.max(adjacent.endHash());
                assertThat(shard.startHash()).isEqualTo(lo);
                assertThat(shard.endHash()).isEqualTo(hi);
            }
            assertThat(shard.startHash()).isBetween(lo, hi);
            assertThat(shard.endHash()).isBetween(lo, hi);
        }
    }

    private static List<HashKeyRange> openRanges(StreamMetadata s) {
        return s.shards().stream().filter(ShardMetadata::isOpen).sorted(Comparator.comparing(ShardMetadata::startHash))
                .map(x -> new HashKeyRange(x.startHash(), x.endHash())).toList();
    }

    private static StreamMetadata apply(StreamMetadata s, Resharding.Outcome outcome) {
        return s.withShards(outcome.shards(), StreamStatus.ACTIVE);
    }

    private static StreamMetadata stream(int shards, StreamMode mode) {
        List<HashKeyRange> ranges = HashKeyRange.splitEvenly(shards);
        List<ShardMetadata> list = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            list.add(ShardMetadata.open(i, ranges.get(i), 0));
        }
        return new StreamMetadata("s", 1, StreamStatus.ACTIVE, mode, 0, 24, list, new TreeMap<>(), List.of(), Set.of(), List.of());
    }
}
