package io.sluice.ingest.replay;

import io.sluice.common.model.SequenceNumber;
import io.sluice.ingest.shard.BlockIndex;
import io.sluice.ingest.shard.ShardHead;
import io.sluice.ingest.shard.ShardStore;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.util.CloseableIterator;

/**
 * Walks the blocks to replay, lazily: shard by shard in the plan's order, and within a shard bucket by bucket of its
 * block index from the range's first offset to its end, yielding one (shard key, {@link BlockRef}) per block. It holds
 * one bucket's block starts at a time (at most {@link BlockIndex#BUCKET}), never a shard.
 *
 * <p>Where a shard's range starts and ends is found first, from its head: the trim horizon and next offset, moved in by
 * the query's bounds (a time by binary search over offsets, as GetShardIterator's AT_TIMESTAMP does, since arrival
 * times never decrease within a shard; a sequence number by its offset, resolved through the head's epochs).
 * A block's records count up to the next block's start: a later epoch that rewrote offsets starts a block there.
 */
final class ShardBlockCursor implements CloseableIterator<Tuple2<String, BlockRef>> {

    private final ShardLogReadFunction state;
    private final KeyedStateBackend<String> backend;
    private final List<Integer> shards;
    private final Deque<Tuple2<String, BlockRef>> ready = new ArrayDeque<>();
    private int nextShard;
    private String shardKey;
    private int shardPosition;
    private long bucket;
    private long lastBucket = -1;
    private long from;
    private long to;

    /** @param shards positions in the plan of the shards this subtask's key groups hold, in plan order */
    ShardBlockCursor(ShardLogReadFunction state, KeyedStateBackend<String> backend, List<Integer> shards) {
        this.state = state;
        this.backend = backend;
        this.shards = shards;
    }

    @Override
    public boolean hasNext() {
        try {
            while (ready.isEmpty()) {
                if (bucket <= lastBucket) {
                    readBucket(bucket++);
                } else if (nextShard < shards.size()) {
                    startShard(shards.get(nextShard++));
                } else {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the block index of " + shardKey + " from the savepoint", e);
        }
    }

    @Override
    public Tuple2<String, BlockRef> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void startShard(int position) throws Exception {
        ShardPlan shard = state.plan().shards().get(position);
        shardKey = shard.shardKey();
        shardPosition = position;
        backend.setCurrentKey(shardKey);
        ShardHead h = state.head();
        if (h == null) {
            lastBucket = -1;
            bucket = 0;
            return;
        }
        from = h.trimOffset();
        to = h.nextOffset();
        if (shard.start() != null) {
            from = Math.max(from, shard.start().isTime() ? firstAtOrAfter(h, shard.start().timeMillis()) : atSequence(h, shard.start(), 0));
        }
        if (shard.end() != null) {
            to = Math.min(to, shard.end().isTime() ? firstAtOrAfter(h, shard.end().timeMillis() + 1) : atSequence(h, shard.end(), 1));
        }
        bucket = BlockIndex.bucketOf(from);
        lastBucket = from < to ? BlockIndex.bucketOf(to - 1) : -1;
    }

    private void readBucket(long b) throws Exception {
        backend.setCurrentKey(shardKey);
        long[] starts = BlockIndex.blockStarts(state.store().indexEntry(b), b);
        for (int i = 0; i < starts.length; i++) {
            long end = i + 1 < starts.length ? starts[i + 1] : BlockIndex.bucketEnd(starts[i]);
            long refFrom = Math.max(starts[i], from);
            long refTo = Math.min(end, to);
            if (refFrom < refTo) {
                ready.add(Tuple2.of(shardKey, new BlockRef(shardPosition, starts[i], refFrom, refTo)));
            }
        }
    }

    /** The offset of a sequence number (plus {@code after}), resolved as GetShardIterator resolves it. */
    static long atSequence(ShardHead h, ReplayBound bound, int after) {
        SequenceNumber seq = bound.parsedSequence();
        return h.resolve(seq.epoch(), seq.offset() + after);
    }

    /** The first offset whose record arrived at or after {@code millis} (expired offsets count as earlier). */
    private long firstAtOrAfter(ShardHead h, long millis) throws Exception {
        ShardStore store = state.store();
        long left = h.trimOffset();
        long right = h.nextOffset();
        while (left < right) {
            long mid = left + (right - left) / 2;
            long arrival = store.arrivalAt(mid);
            if (arrival < millis) {
                left = mid + 1;
            } else {
                right = mid;
            }
        }
        return left;
    }

    @Override
    public void close() {
        ready.clear();
    }
}
