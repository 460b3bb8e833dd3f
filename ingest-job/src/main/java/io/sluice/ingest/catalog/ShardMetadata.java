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
