package io.sluice.ingest.replay;

import io.sluice.common.kpl.KplAggregation;
import io.sluice.common.kpl.UserRecord;
import io.sluice.common.model.SequenceNumber;
import io.sluice.ingest.shard.ShardBlock;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * Turns one block of a shard's log into {@link ReplayedRecord}s: each record of the block within given offsets, with the
 * sequence number the live log gave it (stream tag, shard, the block's epoch, offset), or, de-aggregated, one row per KPL
 * user record. Counts what it reads into the accumulators {@link ShardLogReadFunction#BLOCKS_READ},
 * {@link ShardLogReadFunction#PEAK_READ_RECORDS} and {@link ShardLogReadFunction#PEAK_READ_BYTES}. One per reading task.
 */
final class BlockEmitter {

    private final ReplayPlan plan;
    private final LongCounter blocksRead;
    private final LongMaximum peakRecords = new LongMaximum();
    private final LongMaximum peakBytes = new LongMaximum();

    BlockEmitter(ReplayPlan plan, RuntimeContext context) {
        this.plan = plan;
        this.blocksRead = context.getLongCounter(ShardLogReadFunction.BLOCKS_READ);
        context.addAccumulator(ShardLogReadFunction.PEAK_READ_RECORDS, peakRecords);
        context.addAccumulator(ShardLogReadFunction.PEAK_READ_BYTES, peakBytes);
    }

    /**
     * Emits the records of the block at {@code block[at...]} (whose first record has offset {@code blockStart}) at
     * offsets {@code [fromOffset, toOffset)}.
     */
    void emit(int shardPosition, byte[] block, int at, long blockStart, long fromOffset, long toOffset, Consumer<ReplayedRecord> out) {
        blocksRead.add(1);
        long emitted = 0;
        long bytes = 0;
        ShardPlan shard = plan.shards().get(shardPosition);
        ShardBlock.Reader records = new ShardBlock.Reader(block, at);
        for (long offset = blockStart; records.next() && offset < toOffset; offset++) {
            if (offset < fromOffset) {
                continue;
            }
            String sequenceNumber = SequenceNumber.format(shard.streamTag(), shard.shardIndex(), records.epoch(), offset);
            byte[] data = records.data();
            if (plan.deaggregate() && KplAggregation.looksAggregated(data)) {
                List<UserRecord> users = KplAggregation.deaggregate(data, records.partitionKey(), null);
                emitted += users.size();
                for (UserRecord user : users) {
                    bytes += user.data().length;
                    out.accept(new ReplayedRecord(shard.stream(), shard.shardId(), sequenceNumber, user.subSequence(),
                            user.partitionKey(), user.explicitHashKey(), records.arrivalMillis(), user.data()));
                }
            } else {
                emitted++;
                bytes += data.length;
                out.accept(new ReplayedRecord(shard.stream(), shard.shardId(), sequenceNumber, 0, records.partitionKey(), null,
                        records.arrivalMillis(), data));
            }
        }
        peakRecords.add(emitted);
        peakBytes.add(bytes);
    }
}
