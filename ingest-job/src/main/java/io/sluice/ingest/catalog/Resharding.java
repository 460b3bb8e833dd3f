package io.sluice.ingest.catalog;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.error.LimitExceededException;
import io.sluice.common.error.ResourceNotFoundException;
import io.sluice.common.model.HashKeyRange;
import io.sluice.common.model.ShardId;
import io.sluice.ingest.IngestSettings;
import io.sluice.ingest.api.MergeShardsRequest;
import io.sluice.ingest.api.SplitShardRequest;
import io.sluice.ingest.api.StreamMode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes reshards of a stream's shard map with AWS's rules: SplitShard, MergeShards and
 * UpdateShardCount's uniform scaling. Scaling is done as Kinesis does it, by splits and merges, so
 * every new shard has at most two parents (ParentShardId, AdjacentParentShardId) and a consumer that
 * finishes parents before children keeps every partition key in order. Parents are closed, never
 * changed otherwise; new shards take the next free indexes. Closed shards whose records have all
 * expired leave the map on the way. Pure: the registry checks the account's quota and stores the outcome.
 */
final class Resharding {

    /** Most UpdateShardCount calls per stream in a rolling 24 hours (AWS's default). */
    static final int MAX_SCALINGS_PER_DAY = 10;

    private final IngestSettings settings;

    Resharding(IngestSettings settings) {
        this.settings = settings;
    }

    /** A reshard's result: the stream's new shard list, and the closed shards it forgot (their logs can go). */
    record Outcome(List<ShardMetadata> shards, List<Integer> forgotten) {

        int openShardCount() {
            int open = 0;
            for (ShardMetadata shard : shards) {
                open += shard.isOpen() ? 1 : 0;
            }
            return open;
        }
    }

    Outcome split(StreamMetadata s, SplitShardRequest r, long now) {
        Draft draft = new Draft(s, now);
        ShardMetadata parent = draft.eligible(r.shardToSplit(), "SplitShard");
        BigInteger key = r.newStartingHashKey();
        if (key.compareTo(parent.startHash().add(BigInteger.ONE)) <= 0 || key.compareTo(parent.endHash()) >= 0) {
            throw new InvalidArgumentException("NewStartingHashKey " + key + " used in SplitShard() on shard " + parent.shardId()
                    + " in stream " + s.name() + " under account " + settings.accountId()
                    + " is not both greater than one plus the shard's StartingHashKey " + parent.startHash()
                    + " and less than the shard's EndingHashKey " + parent.endHash() + ".");
        }
        draft.close(parent);
        draft.open(parent.startHash(), key.subtract(BigInteger.ONE), parent.index(), null);
        draft.open(key, parent.endHash(), parent.index(), null);
        return draft.outcome();
    }

    Outcome merge(StreamMetadata s, MergeShardsRequest r, long now) {
        Draft draft = new Draft(s, now);
        ShardMetadata first = draft.eligible(r.shardToMerge(), "MergeShards");
        ShardMetadata second = draft.eligible(r.adjacentShardToMerge(), "MergeShards");
        ShardMetadata lower = first.startHash().compareTo(second.startHash()) <= 0 ? first : second;
        ShardMetadata upper = lower == first ? second : first;
        if (first.index() == second.index() || !lower.endHash().add(BigInteger.ONE).equals(upper.startHash())) {
            throw new InvalidArgumentException("Shards " + first.shardId() + " and " + second.shardId() + " in stream " + s.name()
                    + " under account " + settings.accountId() + " are not an adjacent pair of shards eligible for merging");
        }
        draft.close(first);
        draft.close(second);
        draft.open(lower.startHash(), upper.endHash(), first.index(), second.index());
        return draft.outcome();
    }

    /**
     * UNIFORM_SCALING to {@code target} equal ranges: every open shard is split where a new range starts
     * inside it, then the pieces that make up one new range are merged two at a time. A shard whose range
     * is already one of the new ranges stays open.
     */
    Outcome scale(StreamMetadata s, int target, long now) {
        provisioned(s);
        if (recentScalings(s, now).size() >= MAX_SCALINGS_PER_DAY) {
            throw new LimitExceededException("UpdateShardCount on stream " + s.name() + " under account " + settings.accountId()
                    + " has already run " + MAX_SCALINGS_PER_DAY + " times in the last 24 hours.");
        }
        int open = s.openShardCount();
        if (target > 2 * open || 2 * target < open) {
            throw new LimitExceededException("UpdateShardCount on stream " + s.name() + " under account " + settings.accountId()
                    + " cannot change the open shard count from " + open + " to " + target
                    + ": the target must be at least half and at most double the current count.");
        }
        Draft draft = new Draft(s, now);
        List<HashKeyRange> ranges = HashKeyRange.splitEvenly(target);
        List<ShardMetadata> pieces = new ArrayList<>();
        for (ShardMetadata shard : draft.openShards()) {
            List<BigInteger> cuts = new ArrayList<>();
            for (HashKeyRange range : ranges) {
                if (range.start().compareTo(shard.startHash()) > 0 && range.start().compareTo(shard.endHash()) <= 0) {
                    cuts.add(range.start());
                }
            }
            if (cuts.isEmpty()) {
                pieces.add(shard);
                continue;
            }
            draft.close(shard);
            BigInteger from = shard.startHash();
            for (BigInteger cut : cuts) {
                pieces.add(draft.open(from, cut.subtract(BigInteger.ONE), shard.index(), null));
                from = cut;
            }
            pieces.add(draft.open(from, shard.endHash(), shard.index(), null));
        }
        int next = 0;
        for (HashKeyRange range : ranges) {
            ShardMetadata merged = pieces.get(next++);
            while (merged.endHash().compareTo(range.end()) < 0) {
                ShardMetadata piece = pieces.get(next++);
                draft.close(merged);
                draft.close(piece);
                merged = draft.open(merged.startHash(), piece.endHash(), merged.index(), piece.index());
            }
            if (!merged.endHash().equals(range.end())) {
                throw new IllegalStateException("Uniform scaling of " + s.name() + " left " + merged + " across " + range);
            }
        }
        return draft.outcome();
    }

    /** Resharding is for PROVISIONED streams; ON_DEMAND ones scale by themselves (in AWS). */
    void provisioned(StreamMetadata s) {
        if (s.mode() == StreamMode.ON_DEMAND) {
            throw new InvalidArgumentException("Stream " + s.name() + " under account " + settings.accountId()
                    + " is in ON_DEMAND mode; only PROVISIONED streams can be resharded.");
        }
    }

    /** The times of the UpdateShardCount calls of the last 24 hours, oldest first. */
    List<Long> recentScalings(StreamMetadata s, long now) {
        return DailyLimit.recent(s.scalingMillis(), now, settings.dayMillis());
    }

    /** A shard map being changed: shards by index, in index order, and the next free index. */
    private final class Draft {
        private final StreamMetadata stream;
        private final long now;
        private final Map<Integer, ShardMetadata> shards = new LinkedHashMap<>();
        private final List<Integer> forgotten = new ArrayList<>();
        private int nextIndex;

        Draft(StreamMetadata stream, long now) {
            this.stream = stream;
            this.now = now;
            provisioned(stream);
            long expiredBefore = now - settings.retentionMillis(stream.retentionHours());
            for (ShardMetadata shard : stream.shards()) {
                nextIndex = Math.max(nextIndex, shard.index() + 1);
                if (!shard.isOpen() && shard.closedAtMillis() <= expiredBefore) {
                    forgotten.add(shard.index());
                } else {
                    shards.put(shard.index(), shard);
                }
            }
        }

        /** The open shard a request names, or the AWS error for a missing or already closed one. */
        ShardMetadata eligible(String shardId, String action) {
            int index = ShardId.parse(shardId);
            ShardMetadata shard = index < 0 ? null : shards.get(index);
            if (shard == null) {
                throw new ResourceNotFoundException("Could not find shard " + shardId + " in stream " + stream.name()
                        + " under account " + settings.accountId() + ".");
            }
            if (!shard.isOpen()) {
                throw new InvalidArgumentException("Shard " + shard.shardId() + " in stream " + stream.name() + " under account "
                        + settings.accountId() + " has already been merged or split, and thus is not eligible for merging or splitting.");
            }
            return shard;
        }

        List<ShardMetadata> openShards() {
            List<ShardMetadata> open = new ArrayList<>();
            for (ShardMetadata shard : shards.values()) {
                if (shard.isOpen()) {
                    open.add(shard);
                }
            }
            open.sort(Comparator.comparing(ShardMetadata::startHash));
            return open;
        }

        void close(ShardMetadata shard) {
            shards.put(shard.index(), shards.get(shard.index()).closed(now));
        }

        ShardMetadata open(BigInteger start, BigInteger end, int parent, Integer adjacentParent) {
            ShardMetadata child = ShardMetadata.child(nextIndex++, start, end, parent, adjacentParent, now);
            shards.put(child.index(), child);
            return child;
        }

        Outcome outcome() {
            return new Outcome(List.copyOf(shards.values()), List.copyOf(forgotten));
        }
    }
}
