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
    private static final BigInteger MAX_HASH = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
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
        StreamMetadata five = stream(5, StreamMode.PROVISIONED);
        StreamMetadata three = apply(five, resharding.scale(five, 3, 1));
        assertThat(openRanges(three)).isEqualTo(HashKeyRange.splitEvenly(3));
        // Fifths 1 and 3 hold a new boundary and are split there; then the pieces of each third merge, two at a time.
        assertThat(three.shards()).containsExactly(
                new ShardMetadata(0, at(0, 5), at(1, 5).subtract(BigInteger.ONE), null, null, 0, 1L),
                new ShardMetadata(1, at(1, 5), at(2, 5).subtract(BigInteger.ONE), null, null, 0, 1L),
                new ShardMetadata(2, at(2, 5), at(3, 5).subtract(BigInteger.ONE), null, null, 0, 1L),
                new ShardMetadata(3, at(3, 5), at(4, 5).subtract(BigInteger.ONE), null, null, 0, 1L),
                new ShardMetadata(4, at(4, 5), MAX_HASH, null, null, 0, 1L),
                new ShardMetadata(5, at(1, 5), at(1, 3).subtract(BigInteger.ONE), 1, null, 1, 1L),
                new ShardMetadata(6, at(1, 3), at(2, 5).subtract(BigInteger.ONE), 1, null, 1, 1L),
                new ShardMetadata(7, at(3, 5), at(2, 3).subtract(BigInteger.ONE), 3, null, 1, 1L),
                new ShardMetadata(8, at(2, 3), at(4, 5).subtract(BigInteger.ONE), 3, null, 1, 1L),
                new ShardMetadata(9, at(0, 3), at(1, 3).subtract(BigInteger.ONE), 0, 5, 1, null),
                new ShardMetadata(10, at(1, 3), at(3, 5).subtract(BigInteger.ONE), 6, 2, 1, 1L),
                new ShardMetadata(11, at(1, 3), at(2, 3).subtract(BigInteger.ONE), 10, 7, 1, null),
                new ShardMetadata(12, at(2, 3), MAX_HASH, 8, 4, 1, null));
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
        long now = 100 + 24 * HOUR;
        // 2 -> 3: each half is split at its third's boundary, and the two middle pieces merge.
        assertThat(resharding.scale(busy, 3, now).shards()).containsExactly(
                new ShardMetadata(0, at(0, 2), at(1, 2).subtract(BigInteger.ONE), null, null, 0, now),
                new ShardMetadata(1, at(1, 2), MAX_HASH, null, null, 0, now),
                new ShardMetadata(2, at(0, 3), at(1, 3).subtract(BigInteger.ONE), 0, null, now, null),
                new ShardMetadata(3, at(1, 3), at(1, 2).subtract(BigInteger.ONE), 0, null, now, now),
                new ShardMetadata(4, at(1, 2), at(2, 3).subtract(BigInteger.ONE), 1, null, now, now),
                new ShardMetadata(5, at(2, 3), MAX_HASH, 1, null, now, null),
                new ShardMetadata(6, at(1, 3), at(2, 3).subtract(BigInteger.ONE), 3, 4, now, null));
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

    /** The hash key {@code i/n} of the way through the key space (rounded down), computed here rather than by {@link HashKeyRange}. */
    private static BigInteger at(int i, int n) {
        return BigInteger.ONE.shiftLeft(128).multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n));
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
