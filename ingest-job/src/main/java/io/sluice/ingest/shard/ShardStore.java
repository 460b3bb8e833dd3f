package io.sluice.ingest.shard;

import io.sluice.ingest.api.PutEntry;
import java.util.List;
import org.apache.flink.api.common.state.MapState;

/**
 * The records of the current shard in RocksDB keyed state: {@link ShardBlock blocks} keyed by their
 * first offset, and the {@link BlockIndex} that finds the block holding any offset. Blocks are
 * trimmed in offset order (appends are in time order) when they fall out of the stream's retention;
 * state TTL at the longest retention is only a backstop. Public for replay, which reads the same
 * state out of a savepoint ({@code io.sluice.ingest.replay}).
 */
public final class ShardStore {

    private final MapState<Long, byte[]> blocks;
    private final MapState<Long, byte[]> index;

    public ShardStore(MapState<Long, byte[]> blocks, MapState<Long, byte[]> index) {
        this.blocks = blocks;
        this.index = index;
    }

    /** Stores {@code entries} at offsets {@code firstOffset...}, one block per bucket they touch. */
    void append(long firstOffset, long arrivalMillis, int epoch, List<PutEntry> entries) throws Exception {
        long offset = firstOffset;
        int from = 0;
        while (from < entries.size()) {
            int to = (int) Math.min(entries.size(), from + (BlockIndex.bucketEnd(offset) - offset));
            blocks.put(offset, ShardBlock.encode(arrivalMillis, epoch, entries, from, to));
            long bucket = BlockIndex.bucketOf(offset);
            index.put(bucket, BlockIndex.with(index.get(bucket), offset));
            offset += to - from;
            from = to;
        }
    }

    /** The index entry of a bucket ({@link BlockIndex}), or null when none is retained. */
    public byte[] indexEntry(long bucket) throws Exception {
        return index.get(bucket);
    }

    /** The first offset of the block holding {@code offset}, or -1 when no retained index knows it. */
    public long blockStart(long offset) throws Exception {
        return BlockIndex.blockStart(index.get(BlockIndex.bucketOf(offset)), offset);
    }

    /** The block starting at {@code start}, or null when it has expired (or {@code start} is -1). */
    public byte[] block(long start) throws Exception {
        return start < 0 ? null : blocks.get(start);
    }

    /** Whether the record at {@code offset} is still retained. */
    public boolean retained(long offset) throws Exception {
        long start = blockStart(offset);
        return start >= 0 && blocks.contains(start);
    }

    /** Arrival time of the record at {@code offset}, or -1 when it has expired. */
    public long arrivalAt(long offset) throws Exception {
        byte[] block = block(blockStart(offset));
        return block == null ? -1 : ShardBlock.arrivalOf(block);
    }

    /**
     * Removes, from {@code fromOffset} on, the blocks that arrived before {@code cutoffMillis} (they are
     * in offset order), with their index buckets once a bucket's last block is gone.
     *
     * @return the first offset kept ({@code endOffset} when every record is gone)
     */
    long trim(long fromOffset, long endOffset, long cutoffMillis) throws Exception {
        long offset = fromOffset;
        while (offset < endOffset) {
            long start = blockStart(offset);
            byte[] block = block(start);
            if (block == null || ShardBlock.arrivalOf(block) >= cutoffMillis) {
                break;
            }
            long next = start + ShardBlock.countOf(block);
            blocks.remove(start);
            if (next >= BlockIndex.bucketEnd(start)) {
                index.remove(BlockIndex.bucketOf(start));
            }
            offset = next;
        }
        return offset;
    }

    void clear() {
        blocks.clear();
        index.clear();
    }
}
