package io.sluice.ingest.replay;

import io.sluice.common.serialization.JacksonSerializer;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.AbstractKeyedStateBackend;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.state.api.input.KeyedStateInputFormat;
import org.apache.flink.state.api.input.operator.StateReaderOperator;
import org.apache.flink.state.api.runtime.SavepointRuntimeContext;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

/**
 * Reads the shard log out of a savepoint one block at a time, so that replay's heap is bounded by a block, not a shard.
 *
 * <p>Why not {@link org.apache.flink.state.api.functions.KeyedStateReaderFunction}: the State Processor API calls
 * {@code readKey} once per key, buffers everything that call emits ({@code BufferingCollector}) and only then hands
 * it on; one key of the shard log is a whole shard, so a shard of 5 million 1 KiB records would sit on the heap.
 * {@link KeyedStateInputFormat} runs any {@link StateReaderOperator}: it asks the operator for its (key, namespace)
 * elements and calls {@link #processElement} per element, buffering only what one call emits. This operator makes an
 * element of every <em>block</em>: its elements are (shard key, {@link BlockRef}) pairs, walked lazily by a
 * {@link ShardBlockCursor} over each shard's block index, and one call emits one block's records (one append's share of
 * one 512-offset bucket: at most 500 records, 5 MiB, as PutRecords allows).
 *
 * <p>Cost: each shard's head is read once and its index once per bucket (a 1 KiB value per 512 offsets), each block
 * once; a time bound costs a binary search (about log2(records) block reads) per shard. The restore that comes before
 * is the State Processor API's own: the savepoint's key groups go into a local RocksDB on disk, not the heap. The
 * namespace serializer exists only for the base class (this operator reads no timers).
 */
public final class ShardLogReaderOperator extends StateReaderOperator<ShardLogReadFunction, String, BlockRef, ReplayedRecord> {

    private static final long serialVersionUID = 1L;

    public ShardLogReaderOperator(ShardLogReadFunction function) {
        super(function, Types.STRING, new JacksonSerializer<>(BlockRef.class));
    }

    @Override
    public void processElement(String shardKey, BlockRef block, Collector<ReplayedRecord> out) throws Exception {
        function.emit(block, out);
    }

    @Override
    public CloseableIterator<Tuple2<String, BlockRef>> getKeysAndNamespaces(SavepointRuntimeContext ctx) {
        return new ShardBlockCursor(function, getKeyedStateBackend(), shardsOfThisSplit());
    }

    /** The plan's shards whose key group this subtask restored, in plan order. */
    private List<Integer> shardsOfThisSplit() {
        AbstractKeyedStateBackend<String> backend = (AbstractKeyedStateBackend<String>) getKeyedStateBackend();
        List<ShardPlan> shards = function.plan().shards();
        List<Integer> mine = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            int keyGroup = KeyGroupRangeAssignment.assignToKeyGroup(shards.get(i).shardKey(), backend.getNumberOfKeyGroups());
            if (backend.getKeyGroupRange().contains(keyGroup)) {
                mine.add(i);
            }
        }
        return mine;
    }
}
