package io.sluice.ingest.replay;

import static org.apache.flink.api.common.state.StateTtlConfig.StateVisibility.ReturnExpiredIfNotCleanedUp;

import io.sluice.common.kpl.KplAggregation;
import io.sluice.common.kpl.UserRecord;
import io.sluice.common.model.SequenceNumber;
import io.sluice.ingest.IngestSettings;
import io.sluice.ingest.shard.ShardBlock;
import io.sluice.ingest.shard.ShardHead;
import io.sluice.ingest.shard.ShardLog;
import io.sluice.ingest.shard.ShardStore;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.functions.AbstractRichFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.util.Collector;

/**
 * The shard log's state as replay reads it, for the current key: the head, the block index and the blocks (the
 * descriptors {@link ShardLog} declares, so the savepoint's serializers match), and how one block becomes
 * {@link ReplayedRecord}s: each record of the block within the {@link BlockRef}'s offsets, with the sequence number the
 * live log gave it (stream tag, shard, the block's epoch, offset), or, de-aggregated, one row per KPL user record.
 */
public final class ShardLogReadFunction extends AbstractRichFunction {

    private static final long serialVersionUID = 1L;

    /** Accumulator: blocks read. */
    public static final String BLOCKS_READ = "replay-blocks-read";
    /**
     * Accumulators: the most records, and data bytes, that one read emitted. The State Processor API buffers what one
     * read emits before passing it on, so these are the replay's peak buffer: one block's worth, never a shard's.
     */
    public static final String PEAK_READ_RECORDS = "replay-peak-read-records";
    public static final String PEAK_READ_BYTES = "replay-peak-read-bytes";

    private final IngestSettings settings;
    private final ReplayPlan plan;
    private transient ValueState<ShardHead> head;
    private transient ShardStore store;
    private transient LongCounter blocksRead;
    private transient LongMaximum peakRecords;
    private transient LongMaximum peakBytes;

    public ShardLogReadFunction(IngestSettings settings, ReplayPlan plan) {
        this.settings = settings;
        this.plan = plan;
    }

    @Override
    public void open(OpenContext openContext) {
        head = getRuntimeContext().getState(ShardLog.headDescriptor());
        // A savepoint holds what its retention kept; the TTL backstop, counted from the day of replaying, must not hide any.
        store = new ShardStore(getRuntimeContext().getMapState(ShardLog.blocksDescriptor(settings, ReturnExpiredIfNotCleanedUp)),
                getRuntimeContext().getMapState(ShardLog.indexDescriptor(settings, ReturnExpiredIfNotCleanedUp)));
        blocksRead = getRuntimeContext().getLongCounter(BLOCKS_READ);
        peakRecords = new LongMaximum();
        peakBytes = new LongMaximum();
        getRuntimeContext().addAccumulator(PEAK_READ_RECORDS, peakRecords);
        getRuntimeContext().addAccumulator(PEAK_READ_BYTES, peakBytes);
    }

    ReplayPlan plan() {
        return plan;
    }

    /** The current shard's head, or null when the shard never received a record. */
    ShardHead head() throws Exception {
        return head.value();
    }

    ShardStore store() {
        return store;
    }

    /** Emits the records of one block of the current shard (none if the block expired meanwhile). */
    void emit(BlockRef ref, Collector<ReplayedRecord> out) throws Exception {
        byte[] block = store.block(ref.blockStart());
        if (block == null) {
            return;
        }
        blocksRead.add(1);
        long emitted = 0;
        long bytes = 0;
        ShardPlan shard = plan.shards().get(ref.shard());
        ShardBlock.Reader records = new ShardBlock.Reader(block);
        for (long at = ref.blockStart(); records.next() && at < ref.toOffset(); at++) {
            if (at < ref.fromOffset()) {
                continue;
            }
            String sequenceNumber = SequenceNumber.format(shard.streamTag(), shard.shardIndex(), records.epoch(), at);
            byte[] data = records.data();
            if (plan.deaggregate() && KplAggregation.looksAggregated(data)) {
                List<UserRecord> users = KplAggregation.deaggregate(data, records.partitionKey(), null);
                emitted += users.size();
                for (UserRecord user : users) {
                    bytes += user.data().length;
                    out.collect(new ReplayedRecord(shard.stream(), shard.shardId(), sequenceNumber, user.subSequence(),
                            user.partitionKey(), user.explicitHashKey(), records.arrivalMillis(), user.data()));
                }
            } else {
                emitted++;
                bytes += data.length;
                out.collect(new ReplayedRecord(shard.stream(), shard.shardId(), sequenceNumber, 0, records.partitionKey(), null,
                        records.arrivalMillis(), data));
            }
        }
        peakRecords.add(emitted);
        peakBytes.add(bytes);
    }
}
