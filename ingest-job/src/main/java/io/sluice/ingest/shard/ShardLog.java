package io.sluice.ingest.shard;

import io.sluice.common.error.ApiException;
import io.sluice.common.error.InternalFailure;
import io.sluice.common.error.ProvisionedThroughputExceededException;
import io.sluice.common.http.ApiReply;
import io.sluice.common.model.SequenceNumber;
import io.sluice.common.model.ShardId;
import io.sluice.common.serialization.JacksonTypeInfo;
import io.sluice.common.wire.ReplyWriter;
import io.sluice.ingest.IngestSettings;
import io.sluice.ingest.api.PutEntry;
import io.sluice.ingest.api.Tokens;
import io.sluice.ingest.metrics.ShardLogMetrics;
import io.sluice.ingest.reply.PutRecordsPart;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of every shard, keyed by shard ({@code stream/generation/index}). Records get dense
 * offsets and are stored a block per append in RocksDB map state ({@link ShardStore}); blocks older
 * than the stream's retention are trimmed by a timer ({@link ShardRetention}), and the head's trim
 * offset remembers where the retained ones start. Appends, retention and throughput limits are handled
 * here; iterators and reads by the {@link ShardReader}.
 * Arrival times never decrease within a shard, so offsets are in time order and AT_TIMESTAMP is a
 * binary search over offsets. A read of a shard that nothing changed since the last completed checkpoint
 * ({@link SettledShards}) is answered as {@linkplain ApiReply#settled settled}: it need not wait for a checkpoint.
 */
public final class ShardLog extends KeyedProcessFunction<String, ShardCommand, ApiReply> implements CheckpointedFunction, CheckpointListener {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ShardLog.class);

    /** Most data bytes one GetRecords returns (10 MiB). */
    public static final int MAX_READ_BYTES = 10 << 20;

    /** Name of the per-shard block map state (first offset → {@link ShardBlock}). */
    public static final String BLOCKS_STATE = "blocks";

    /** Name of the per-shard block index map state (bucket → {@link BlockIndex} entry). */
    public static final String INDEX_STATE = "block-index";

    /** Name of the per-shard head state. */
    public static final String HEAD_STATE = "head";

    private final IngestSettings settings;
    /** This incarnation of the shard log; a new one starts a new epoch on each shard it writes. */
    private transient long incarnation;
    private transient ValueState<ShardHead> head;
    private transient ShardStore store;
    private transient ShardReader reader;
    /** Throughput budgets of the limited shards this subtask served (not state: they refill within a second). */
    private transient Map<String, ShardBudget> budgets;
    private transient ShardLogMetrics metrics;
    /** The shards changed since the last completed checkpoint; reads of the others answer at once. */
    private transient SettledShards settled;

    public ShardLog(IngestSettings settings) {
        this.settings = settings;
    }

    /** The descriptor of the block state, with the longest retention as TTL (a backstop: trimming removes blocks). */
    public static MapStateDescriptor<Long, byte[]> blocksDescriptor(IngestSettings settings) {
        return blocksDescriptor(settings, StateTtlConfig.StateVisibility.NeverReturnExpired);
    }

    /**
     * The block state as a reader of a savepoint sees it: with {@code ReturnExpiredIfNotCleanedUp}, a block the TTL
     * backstop would hide by the time of reading is still returned (the savepoint's retention decided what it holds,
     * not the day it is replayed). Same serializers as the running job's descriptor.
     */
    public static MapStateDescriptor<Long, byte[]> blocksDescriptor(IngestSettings settings, StateTtlConfig.StateVisibility visibility) {
        return withRetention(new MapStateDescriptor<>(BLOCKS_STATE, Types.LONG, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO), settings,
                visibility);
    }

    /** The descriptor of the block index state, with the longest retention as TTL (a backstop). */
    public static MapStateDescriptor<Long, byte[]> indexDescriptor(IngestSettings settings) {
        return indexDescriptor(settings, StateTtlConfig.StateVisibility.NeverReturnExpired);
    }

    /** The block index state with the given TTL visibility (see {@link #blocksDescriptor(IngestSettings, StateTtlConfig.StateVisibility)}). */
    public static MapStateDescriptor<Long, byte[]> indexDescriptor(IngestSettings settings, StateTtlConfig.StateVisibility visibility) {
        return withRetention(new MapStateDescriptor<>(INDEX_STATE, Types.LONG, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO), settings,
                visibility);
    }

    private static MapStateDescriptor<Long, byte[]> withRetention(MapStateDescriptor<Long, byte[]> descriptor, IngestSettings settings,
            StateTtlConfig.StateVisibility visibility) {
        descriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(Duration.ofMillis(settings.retentionMillis(IngestSettings.MAX_RETENTION_HOURS + 24)))
                        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                        .setStateVisibility(visibility)
                        .cleanupInRocksdbCompactFilter(1000)
                        .build());
        return descriptor;
    }

    public static ValueStateDescriptor<ShardHead> headDescriptor() {
        return new ValueStateDescriptor<>(HEAD_STATE, JacksonTypeInfo.of(ShardHead.class));
    }

    @Override
    public void open(OpenContext openContext) {
        head = getRuntimeContext().getState(headDescriptor());
        store = new ShardStore(getRuntimeContext().getMapState(blocksDescriptor(settings)), getRuntimeContext().getMapState(indexDescriptor(settings)));
        metrics = new ShardLogMetrics(getRuntimeContext().getMetricGroup());
        reader = new ShardReader(settings, new Tokens(settings.tokenSecret()), store, head, metrics);
        budgets = new HashMap<>();
        incarnation = new SecureRandom().nextLong() | 1;
        settled = new SettledShards();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        // Everything this function keeps is keyed state; the settled shards are not state.
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        settled.snapshotTaken(context.getCheckpointId());
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        settled.checkpointCompleted(checkpointId);
    }

    @Override
    public void processElement(ShardCommand cmd, Context ctx, Collector<ApiReply> out) throws Exception {
        try {
            ShardOp op = cmd.op();
            if (op instanceof ShardOp.Drop) {
                settled.changed(cmd.shardKey());
                drop(cmd, ctx);
                return;
            }
            ShardHead stored = head();
            ShardHead h = ShardRetention.retain(stored, cmd.retentionMillis(), store, ctx.timerService());
            if (h != stored) {
                head.update(h);
                settled.changed(cmd.shardKey());
            }
            ApiReply reply;
            if (op instanceof ShardOp.Append append) {
                settled.changed(cmd.shardKey());
                reply = append(cmd, append, h, ctx);
            } else if (op instanceof ShardOp.Read read) {
                reply = read(cmd, read, h, ctx);
                // Records and positions that a completed checkpoint holds; a closed shard's children come from the
                // catalog, whose change may not be held yet, so its last answer waits as every other answer does.
                if (read.end() == null && settled.settled(cmd.shardKey())) {
                    reply = reply.asSettled();
                }
            } else if (op instanceof ShardOp.OpenIterator open) {
                reply = openIterator(cmd, open, h, ctx);
            } else if (op instanceof ShardOp.Refresh) {
                metrics.monitor(cmd);
                reply = null;
            } else {
                throw new IllegalArgumentException("Unhandled shard operation " + op);
            }
            if (reply != null) {
                out.collect(reply);
            }
        } catch (ApiException e) {
            out.collect(failure(cmd, e));
        } catch (RuntimeException e) {
            LOG.warn("Unexpected failure on shard {}", cmd.shardKey(), e);
            out.collect(failure(cmd, new InternalFailure("Internal failure on " + ShardId.format(cmd.shardIndex()))));
        }
    }

    /**
     * The answer to a failed command: an error, or, for a share of a PutRecords, a part that fails
     * its records (so the other shards' parts still make a complete answer).
     */
    private ApiReply failure(ShardCommand cmd, ApiException e) {
        boolean throttled = e instanceof ProvisionedThroughputExceededException;
        if (cmd.op() instanceof ShardOp.Append append) {
            if (throttled) {
                metrics.writeThrottled(cmd, append.single(), append.entries().size());
            } else {
                metrics.appendFailed(cmd, append.single(), append.entries().size());
            }
        } else if (throttled && cmd.op() instanceof ShardOp.Read) {
            metrics.readThrottled(cmd);
        }
        if (cmd.op() instanceof ShardOp.Append append && !append.single()) {
            int[] indexes = append.entries().stream().mapToInt(PutEntry::index).toArray();
            PutRecordsPart part = PutRecordsPart.failed(cmd.streamName(), append.recordCount(), indexes, e.errorType(), e.getMessage());
            return ApiReply.part(cmd.ref(), PutRecordsPart.KIND, append.partCount(), part.encode());
        }
        return ApiReply.error(cmd.ref(), e);
    }

    private ShardHead head() throws Exception {
        ShardHead h = head.value();
        return h == null ? ShardHead.EMPTY : h;
    }

    /** A trim timer of the shard fired. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ApiReply> out) throws Exception {
        ShardHead h = head.value();
        if (h != null) {
            settled.changed((String) ctx.getCurrentKey());
            head.update(ShardRetention.due(h, timestamp, ctx.timerService().currentProcessingTime(), store, ctx.timerService()));
        }
    }

    private ApiReply append(ShardCommand cmd, ShardOp.Append op, ShardHead current, Context ctx) throws Exception {
        ShardHead h = current.forWriter(incarnation);
        if (h.epoch() > SequenceNumber.MAX_EPOCH) {
            throw new InternalFailure("Shard " + ShardId.format(cmd.shardIndex()) + " has run out of epochs");
        }
        long offset = h.nextOffset();
        long now = ctx.timerService().currentProcessingTime();
        long arrival = Math.max(now, h.lastArrivalMillis());
        List<PutEntry> entries = op.entries();
        List<PutEntry> accepted = cmd.limited() ? withinBudget(cmd, entries, now) : entries;
        int[] indexes = new int[entries.size()];
        String[] sequenceNumbers = new String[entries.size()];
        store.append(offset, arrival, h.epoch(), accepted);
        for (int i = 0, next = 0; i < entries.size(); i++) {
            PutEntry e = entries.get(i);
            indexes[i] = e.index();
            if (next < accepted.size() && accepted.get(next) == e) {
                sequenceNumbers[i] = SequenceNumber.format(cmd.streamTag(), cmd.shardIndex(), h.epoch(), offset);
                offset++;
                next++;
            }
        }
        head.update(ShardRetention.appended(h.appended(offset, arrival), arrival, ctx.timerService()));
        long bytes = 0;
        for (PutEntry e : accepted) {
            bytes += ShardBudget.recordBytes(e);
        }
        metrics.appended(cmd, op.single(), accepted.size(), bytes, entries.size() - accepted.size());
        String shardId = ShardId.format(cmd.shardIndex());
        if (op.single()) {
            return ApiReply.ok(cmd.ref(), ReplyWriter.write(cmd.ref().format(), g -> {
                g.writeStringField("ShardId", shardId);
                g.writeStringField("SequenceNumber", sequenceNumbers[0]);
                g.writeStringField("EncryptionType", "NONE");
            }));
        }
        boolean throttled = accepted.size() < entries.size();
        PutRecordsPart part = new PutRecordsPart(cmd.streamName(), op.recordCount(), indexes, shardId, sequenceNumbers,
                throttled ? ProvisionedThroughputExceededException.class.getSimpleName() : null,
                throttled ? rateExceeded(cmd) : null);
        return ApiReply.part(cmd.ref(), PutRecordsPart.KIND, op.partCount(), part.encode());
    }

    /**
     * The records the shard's write budget admits, in order; a record over budget fails alone (a smaller
     * one after it may still fit). None at all fails the whole share with ProvisionedThroughputExceeded.
     */
    private List<PutEntry> withinBudget(ShardCommand cmd, List<PutEntry> entries, long now) {
        ShardBudget budget = budget(cmd, now);
        List<PutEntry> accepted = new ArrayList<>(entries.size());
        for (PutEntry e : entries) {
            if (budget.tryWrite(now, ShardBudget.recordBytes(e))) {
                accepted.add(e);
            }
        }
        if (accepted.isEmpty()) {
            throw new ProvisionedThroughputExceededException(rateExceeded(cmd));
        }
        return accepted;
    }

    private ShardBudget budget(ShardCommand cmd, long now) {
        return budgets.computeIfAbsent(cmd.shardKey(), k -> new ShardBudget(settings.shardLimits(), now));
    }

    private String rateExceeded(ShardCommand cmd) {
        return "Rate exceeded for shard " + ShardId.format(cmd.shardIndex()) + " in stream " + cmd.streamName()
                + " under account " + settings.accountId() + ".";
    }

    private ApiReply openIterator(ShardCommand cmd, ShardOp.OpenIterator op, ShardHead h, Context ctx) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (cmd.limited() && !budget(cmd, now).tryOpenIterator(now)) {
            throw new ProvisionedThroughputExceededException(rateExceeded(cmd));
        }
        return reader.openIterator(cmd, op, h);
    }

    private ApiReply read(ShardCommand cmd, ShardOp.Read op, ShardHead h, Context ctx) throws Exception {
        ShardBudget budget = null;
        if (cmd.limited()) {
            long now = ctx.timerService().currentProcessingTime();
            budget = budget(cmd, now);
            if (!budget.tryRead(now)) {
                throw new ProvisionedThroughputExceededException(rateExceeded(cmd));
            }
        }
        return reader.read(cmd, op, h, budget);
    }

    private void drop(ShardCommand cmd, Context ctx) throws Exception {
        ShardHead h = head.value();
        if (h != null && h.trimDueMillis() != 0) {
            ctx.timerService().deleteProcessingTimeTimer(h.trimDueMillis());
        }
        head.clear();
        store.clear();
        budgets.remove((String) ctx.getCurrentKey());
        metrics.dropped(cmd);
    }

}
