package io.sluice.ingest.replay;

import static org.apache.flink.api.common.state.StateTtlConfig.StateVisibility.ReturnExpiredIfNotCleanedUp;

import io.sluice.ingest.IngestSettings;
import io.sluice.ingest.shard.ShardHead;
import io.sluice.ingest.shard.ShardLog;
import io.sluice.ingest.shard.ShardStore;
import org.apache.flink.api.common.functions.AbstractRichFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.util.Collector;

/**
 * The shard log's state as replay reads it, for the current key: the head, the block index and the blocks (the
 * descriptors {@link ShardLog} declares, so the savepoint's serializers match), read through the State Processor API
 * (for checkpoints whose state {@link ShardLogKeyGroups} cannot read), and one block's records emitted by a
 * {@link BlockEmitter} within the {@link BlockRef}'s offsets.
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
    private transient BlockEmitter emitter;

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
        emitter = new BlockEmitter(plan, getRuntimeContext());
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
        if (block != null) {
            emitter.emit(ref.shard(), block, 0, ref.blockStart(), ref.fromOffset(), ref.toOffset(), out::collect);
        }
    }
}
