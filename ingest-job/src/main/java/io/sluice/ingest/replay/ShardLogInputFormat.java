package io.sluice.ingest.replay;

import io.sluice.ingest.shard.BlockIndex;
import io.sluice.ingest.shard.ShardBlock;
import io.sluice.ingest.shard.ShardHead;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.accumulators.LongMinimum;
import org.apache.flink.api.common.io.DefaultInputSplitAssigner;
import org.apache.flink.api.common.io.RichInputFormat;
import org.apache.flink.api.common.io.statistics.BaseStatistics;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.InputSplit;
import org.apache.flink.core.io.InputSplitAssigner;

/**
 * The records of a {@link ReplayPlan} read straight from a canonical savepoint ({@link ShardLogKeyGroups}): one split per
 * lineage of shards (shards related by splits and merges, in plan order: parents before children), so independent
 * lineages are read in parallel and each lineage's records come out of one subtask in order. A subtask holds one block's
 * records at a time (and the block after it, to know where the first ends).
 *
 * <p>A shard's range comes from its head, as GetShardIterator's would: from the trim horizon (or the query's start) to the
 * next offset (or the query's end); a time bound is applied per block, each block carrying its append's arrival time,
 * which never decreases within a shard.
 */
final class ShardLogInputFormat extends RichInputFormat<ReplayedRecord, ShardLogInputFormat.LineageSplit> {

    private static final long serialVersionUID = 1L;

    /**
     * Accumulators: the wall-clock milliseconds when the first split was opened and when the last was read to its end,
     * across subtasks; between them the records were read (the job's time without its start-up and teardown).
     */
    static final String READ_STARTED = "replay-read-started-ms";
    static final String READ_ENDED = "replay-read-ended-ms";

    private final ShardLogKeyGroups state;
    private final ReplayPlan plan;

    private transient BlockEmitter emitter;
    private transient LongMinimum readStarted;
    private transient LongMaximum readEnded;
    private transient ArrayDeque<ReplayedRecord> ready;
    private transient List<Integer> shards;
    private transient int nextShard;
    private transient int shardPosition;
    private transient ShardLogKeyGroups.Blocks blocks;
    private transient long from;
    private transient long to;
    private transient long fromMillis;
    private transient long toMillis;
    private transient byte[] pending;
    private transient int pendingAt;
    private transient long pendingStart;

    ShardLogInputFormat(ShardLogKeyGroups state, ReplayPlan plan) {
        this.state = state;
        this.plan = plan;
    }

    /** How many splits (lineages) the plan makes: the most subtasks that have something to read. */
    static int lineages(ReplayPlan plan) {
        return Math.max(1, plan.lineageGroups().size());
    }

    @Override
    public void configure(Configuration parameters) {}

    @Override
    public BaseStatistics getStatistics(BaseStatistics cachedStatistics) {
        return cachedStatistics;
    }

    @Override
    public LineageSplit[] createInputSplits(int minNumSplits) {
        List<List<Integer>> groups = plan.lineageGroups();
        LineageSplit[] splits = new LineageSplit[groups.size()];
        for (int i = 0; i < splits.length; i++) {
            splits[i] = new LineageSplit(i, groups.get(i));
        }
        return splits;
    }

    @Override
    public InputSplitAssigner getInputSplitAssigner(LineageSplit[] splits) {
        return new DefaultInputSplitAssigner(splits);
    }

    @Override
    public void openInputFormat() {
        emitter = new BlockEmitter(plan, getRuntimeContext());
        ready = new ArrayDeque<>();
        readStarted = new LongMinimum();
        readEnded = new LongMaximum();
        getRuntimeContext().addAccumulator(READ_STARTED, readStarted);
        getRuntimeContext().addAccumulator(READ_ENDED, readEnded);
    }

    @Override
    public void open(LineageSplit split) {
        readStarted.add(System.currentTimeMillis());
        shards = split.shards();
        nextShard = 0;
        ready.clear();
    }

    @Override
    public boolean reachedEnd() throws IOException {
        while (ready.isEmpty()) {
            if (blocks != null) {
                readBlock();
            } else if (nextShard < shards.size()) {
                openShard(shards.get(nextShard++));
            } else {
                readEnded.add(System.currentTimeMillis());
                return true;
            }
        }
        return false;
    }

    @Override
    public ReplayedRecord nextRecord(ReplayedRecord reuse) throws IOException {
        return reachedEnd() ? null : ready.poll();
    }

    private void openShard(int position) throws IOException {
        ShardPlan shard = plan.shards().get(position);
        ShardHead head = state.head(shard.shardKey());
        if (head == null) {
            return;
        }
        shardPosition = position;
        from = head.trimOffset();
        to = head.nextOffset();
        fromMillis = Long.MIN_VALUE;
        toMillis = Long.MAX_VALUE;
        if (shard.start() != null) {
            if (shard.start().isTime()) {
                fromMillis = shard.start().timeMillis();
            } else {
                from = Math.max(from, ShardBlockCursor.atSequence(head, shard.start(), 0));
            }
        }
        if (shard.end() != null) {
            if (shard.end().isTime()) {
                toMillis = shard.end().timeMillis();
            } else {
                to = Math.min(to, ShardBlockCursor.atSequence(head, shard.end(), 1));
            }
        }
        if (from < to) {
            blocks = state.blocks(shard.shardKey());
            pending = null;
        }
    }

    /** Reads the next block and emits the one before it, which ends where the next begins (or at its bucket's end). */
    private void readBlock() throws IOException {
        boolean more = blocks.next();
        if (pending != null) {
            long end = Math.min(BlockIndex.bucketEnd(pendingStart), more ? blocks.start() : Long.MAX_VALUE);
            long arrival = ShardBlock.arrivalOf(pending, pendingAt);
            if (arrival > toMillis || pendingStart >= to) {
                closeShard();
                return;
            }
            if (arrival >= fromMillis && end > from) {
                emitter.emit(shardPosition, pending, pendingAt, pendingStart, from, Math.min(end, to), ready::add);
            }
        }
        if (more) {
            pending = blocks.bytes();
            pendingAt = blocks.at();
            pendingStart = blocks.start();
        } else {
            closeShard();
        }
    }

    private void closeShard() throws IOException {
        pending = null;
        if (blocks != null) {
            blocks.close();
            blocks = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeShard();
    }

    /** One lineage of shards: positions in the plan, in plan order. */
    record LineageSplit(int splitNumber, List<Integer> shards) implements InputSplit {
        @Override
        public int getSplitNumber() {
            return splitNumber;
        }
    }
}
