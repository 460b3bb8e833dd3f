package io.sluice.ingest.catalog;

import io.sluice.common.model.HashKeyRange;
import io.sluice.common.model.ShardId;
import java.math.BigInteger;

/**
 * One shard of a stream: its index (the number in its id), its hash-key range, its parents, and when
 * it opened and (after a reshard) closed.
 */
public record ShardMetadata(
        int index,
        BigInteger startHash,
        BigInteger endHash,
        Integer parentIndex,
        Integer adjacentParentIndex,
        long openedAtMillis,
        Long closedAtMillis) {

    public static ShardMetadata open(int index, HashKeyRange range, long now) {
        return new ShardMetadata(index, range.start(), range.end(), null, null, now, null);
    }

    /** A shard opened by a reshard: a child of {@code parent} (and of {@code adjacentParent} after a merge). */
    public static ShardMetadata child(int index, BigInteger start, BigInteger end, int parent, Integer adjacentParent, long now) {
        return new ShardMetadata(index, start, end, parent, adjacentParent, now, null);
    }

    /** This shard, closed by a reshard at {@code now}. */
    public ShardMetadata closed(long now) {
        return new ShardMetadata(index, startHash, endHash, parentIndex, adjacentParentIndex, openedAtMillis, now);
    }

    public String shardId() {
        return ShardId.format(index);
    }

    public boolean isOpen() {
        return closedAtMillis == null;
    }

    public boolean contains(BigInteger hashKey) {
        return startHash.compareTo(hashKey) <= 0 && hashKey.compareTo(endHash) <= 0;
    }
}
