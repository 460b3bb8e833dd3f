package io.sluice.ingest.catalog;

import io.sluice.common.error.ApiException;
import io.sluice.common.error.InternalFailure;
import io.sluice.common.error.LimitExceededException;
import io.sluice.common.error.ResourceInUseException;
import io.sluice.common.error.ResourceNotFoundException;
import io.sluice.common.http.ApiReply;
import io.sluice.common.http.CallRef;
import io.sluice.common.http.HttpEndpoints;
import io.sluice.common.model.HashKeyRange;
import io.sluice.common.model.ShardId;
import io.sluice.common.serialization.JacksonTypeInfo;
import io.sluice.ingest.IngestSettings;
import io.sluice.ingest.api.CreateStreamRequest;
import io.sluice.ingest.api.DeleteStreamRequest;
import io.sluice.ingest.api.DescribeStreamRequest;
import io.sluice.ingest.api.DescribeStreamSummaryRequest;
import io.sluice.ingest.api.GetRecordsRequest;
import io.sluice.ingest.api.GetShardIteratorRequest;
import io.sluice.ingest.api.ListShardsRequest;
import io.sluice.ingest.api.ListTagsRequest;
import io.sluice.ingest.api.MergeShardsRequest;
import io.sluice.ingest.api.PutEntry;
import io.sluice.ingest.api.PutRecordsRequest;
import io.sluice.ingest.api.RetentionRequest;
import io.sluice.ingest.api.SplitShardRequest;
import io.sluice.ingest.api.StreamMode;
import io.sluice.ingest.api.StreamRequest;
import io.sluice.ingest.api.TagStreamRequest;
import io.sluice.ingest.api.Tokens;
import io.sluice.ingest.api.UntagStreamRequest;
import io.sluice.ingest.api.UpdateShardCountRequest;
import io.sluice.ingest.api.UpdateStreamModeRequest;
import io.sluice.ingest.reply.ListStreamsPart;
import io.sluice.ingest.reply.StreamDescriptions;
import io.sluice.ingest.reply.StreamSummary;
import io.sluice.ingest.reply.TagReplies;
import io.sluice.ingest.routing.ListStreamsQuery;
import io.sluice.ingest.routing.StreamCommand;
import io.sluice.ingest.shard.ShardCommand;
import io.sluice.ingest.shard.ShardOp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane, keyed by stream name: streams, their status and shard maps live here as keyed
 * state. Control calls are answered here; data calls (puts, iterators, reads) are checked against the
 * stream and routed to the shard logs. Because routing happens where the shard map lives, a stream is
 * routable the moment it is reported ACTIVE. ListStreams arrives as a broadcast and every subtask
 * answers with the part of the catalog it holds. Reshards change the shard map here ({@link Resharding});
 * because puts are routed here too, every put after a reshard goes to the new shards and every put
 * before it reaches the closed shard's log first.
 */
public final class StreamCatalog extends KeyedBroadcastProcessFunction<String, StreamCommand, ListStreamsQuery, ShardCommand> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(StreamCatalog.class);

    public static final OutputTag<ApiReply> REPLIES = new OutputTag<>("catalog-replies", HttpEndpoints.REPLY_TYPE);

    /** The broadcast side carries no state; Flink's broadcast pattern still wants a descriptor. */
    public static final MapStateDescriptor<Void, Void> LIST_QUERIES =
            new MapStateDescriptor<>("list-streams-queries", Types.VOID, Types.VOID);

    static final ValueStateDescriptor<StreamMetadata> STREAM =
            new ValueStateDescriptor<>("stream", JacksonTypeInfo.of(StreamMetadata.class));

    static final ValueStateDescriptor<Long> LAST_GENERATION = new ValueStateDescriptor<>("last-generation", Types.LONG);

    private final IngestSettings settings;
    private transient ValueState<StreamMetadata> stream;
    private transient ValueState<Long> lastGeneration;
    private transient Tokens tokens;
    private transient ShardListing listing;
    private transient Resharding resharding;

    public StreamCatalog(IngestSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        stream = getRuntimeContext().getState(STREAM);
        lastGeneration = getRuntimeContext().getState(LAST_GENERATION);
        tokens = new Tokens(settings.tokenSecret());
        listing = new ShardListing(settings, tokens);
        resharding = new Resharding(settings);
    }

    @Override
    public void processElement(StreamCommand cmd, ReadOnlyContext ctx, Collector<ShardCommand> out) throws Exception {
        CallRef ref = cmd.ref();
        try {
            byte[] answer = handle(ref, cmd.request(), ctx, out);
            if (answer != null) {
                ctx.output(REPLIES, ApiReply.ok(ref, answer));
            }
        } catch (ApiException e) {
            ctx.output(REPLIES, ApiReply.error(ref, e));
        } catch (RuntimeException e) {
            LOG.warn("Unexpected catalog failure for stream {}", cmd.streamName(), e);
            ctx.output(REPLIES, ApiReply.error(ref, new InternalFailure("Internal failure on stream " + cmd.streamName())));
        }
    }

    /** Answers a control call, or routes a data call to its shard(s) and returns {@code null}. */
    private byte[] handle(CallRef ref, StreamRequest request, ReadOnlyContext ctx, Collector<ShardCommand> out) throws Exception {
        if (request instanceof PutRecordsRequest r) {
            return put(ref, r, out);
        } else if (request instanceof GetRecordsRequest r) {
            return getRecords(ref, r, out);
        } else if (request instanceof GetShardIteratorRequest r) {
            return getShardIterator(ref, r, out);
        } else if (request instanceof CreateStreamRequest r) {
            return create(ref, r, ctx);
        } else if (request instanceof DeleteStreamRequest r) {
            return delete(ref, r, out);
        } else if (request instanceof DescribeStreamRequest r) {
            return listing.describe(ref.format(), existing(r.streamName()), r);
        } else if (request instanceof DescribeStreamSummaryRequest r) {
            return StreamDescriptions.describeStreamSummary(ref.format(), settings, existing(r.streamName()));
        } else if (request instanceof ListShardsRequest r) {
            return listing.listShards(ref.format(), existing(r.streamName()), r);
        } else if (request instanceof TagStreamRequest r) {
            StreamMetadata s = existing(r.streamName());
            stream.update(s.withTags(SettingChanges.addTags(s.name(), s.tags(), r.tags(), settings.accountId())));
            return StreamDescriptions.empty(ref.format());
        } else if (request instanceof UntagStreamRequest r) {
            StreamMetadata s = existing(r.streamName());
            stream.update(s.withTags(SettingChanges.removeTags(s, r.tagKeys())));
            return StreamDescriptions.empty(ref.format());
        } else if (request instanceof RetentionRequest r) {
            return retention(ref, r, out);
        } else if (request instanceof UpdateStreamModeRequest r) {
            stream.update(changeable(r.streamName()).withMode(r.mode()));
            return StreamDescriptions.empty(ref.format());
        } else if (request instanceof SplitShardRequest r) {
            StreamMetadata s = changeable(r.streamName());
            reshard(ref, s, resharding.split(s, r, System.currentTimeMillis()), ctx, out);
            return StreamDescriptions.empty(ref.format());
        } else if (request instanceof MergeShardsRequest r) {
            StreamMetadata s = changeable(r.streamName());
            reshard(ref, s, resharding.merge(s, r, System.currentTimeMillis()), ctx, out);
            return StreamDescriptions.empty(ref.format());
        } else if (request instanceof UpdateShardCountRequest r) {
            return updateShardCount(ref, r, ctx, out);
        } else if (request instanceof ListTagsRequest r) {
            StreamMetadata s = existing(r.streamName());
            return r.byResource()
                    ? TagReplies.all(ref.format(), s.tags())
                    : TagReplies.page(ref.format(), s.tags(), r.exclusiveStartTagKey(), r.limit());
        }
        throw new IllegalArgumentException("Unhandled request " + request.getClass().getSimpleName());
    }

    @Override
    public void processBroadcastElement(ListStreamsQuery query, Context ctx, Collector<ShardCommand> out) throws Exception {
        String after = query.request().exclusiveStartStreamName();
        int limit = query.request().limit();
        List<StreamSummary> mine = new ArrayList<>();
        ctx.applyToKeyedState(STREAM, (name, state) -> {
            StreamMetadata s = state.value();
            if (s != null && (after == null || s.name().compareTo(after) > 0)) {
                mine.add(new StreamSummary(s.name(), settings.streamArn(s.name()), s.status().name(), s.mode().name(), s.createdAtMillis()));
            }
        });
        mine.sort(Comparator.comparing(StreamSummary::name));
        List<StreamSummary> capped = mine.size() > limit + 1 ? new ArrayList<>(mine.subList(0, limit + 1)) : mine;
        int parts = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        ctx.output(REPLIES, ApiReply.part(query.ref(), ListStreamsPart.KIND, parts, new ListStreamsPart(limit, capped).encode()));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ShardCommand> out) throws Exception {
        StreamMetadata s = stream.value();
        // Only the timer of this incarnation activates it (a delete cannot happen while CREATING, but a
        // restore from an older savepoint could bring back an earlier incarnation's timer).
        if (s != null && s.status() == StreamStatus.CREATING && timestamp >= s.createdAtMillis() + settings.createDelay().toMillis()) {
            stream.update(s.withStatus(StreamStatus.ACTIVE));
        }
        if (s != null && s.status() == StreamStatus.UPDATING && timestamp >= s.lastReshardMillis() + settings.updateDelay().toMillis()) {
            stream.update(s.withStatus(StreamStatus.ACTIVE));
        }
    }

    private StreamMetadata existing(String name) throws Exception {
        StreamMetadata s = stream.value();
        if (s == null) {
            throw new ResourceNotFoundException(settings.notFound(name));
        }
        return s;
    }

    /** A stream whose settings may change now: it exists and is ACTIVE (ResourceInUseException otherwise). */
    private StreamMetadata changeable(String name) throws Exception {
        StreamMetadata s = existing(name);
        if (s.status() != StreamStatus.ACTIVE) {
            throw new ResourceInUseException("Stream " + name + " under account " + settings.accountId()
                    + " not ACTIVE, instead in state " + s.status());
        }
        return s;
    }

    private StreamMetadata active(String name) throws Exception {
        StreamMetadata s = stream.value();
        if (s == null || s.status() == StreamStatus.CREATING || s.status() == StreamStatus.DELETING) {
            throw new ResourceNotFoundException(settings.notFound(name));
        }
        return s;
    }

    private byte[] create(CallRef ref, CreateStreamRequest r, ReadOnlyContext ctx) throws Exception {
        if (stream.value() != null) {
            throw new ResourceInUseException("Stream " + r.streamName() + " under account " + settings.accountId() + " already exists.");
        }
        if (r.shardCount() > settings.shardLimit()) {
            throw new LimitExceededException(
                    "This request would exceed the shard limit for the account " + settings.accountId() + " in "
                            + settings.region() + ". Current limit of shards is " + settings.shardLimit()
                            + ". Number of additional shards that would have resulted from this request: " + r.shardCount() + ".");
        }
        SortedMap<String, String> tags = SettingChanges.addTags(r.streamName(), Map.of(), r.tags(), settings.accountId());
        long now = System.currentTimeMillis();
        Long previous = lastGeneration.value();
        long generation = previous == null ? 1 : previous + 1;
        List<HashKeyRange> ranges = HashKeyRange.splitEvenly(r.shardCount());
        List<ShardMetadata> shards = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            shards.add(ShardMetadata.open(i, ranges.get(i), now));
        }
        long delay = settings.createDelay().toMillis();
        StreamStatus status = delay > 0 ? StreamStatus.CREATING : StreamStatus.ACTIVE;
        stream.update(new StreamMetadata(r.streamName(), generation, status, r.mode(), now, settings.retentionHours(), shards, tags, List.of()));
        lastGeneration.update(generation);
        if (delay > 0) {
            ctx.timerService().registerProcessingTimeTimer(now + delay);
        }
        return StreamDescriptions.empty(ref.format());
    }

    private byte[] delete(CallRef ref, DeleteStreamRequest r, Collector<ShardCommand> out) throws Exception {
        StreamMetadata s = existing(r.streamName());
        if (s.status() == StreamStatus.CREATING) {
            throw new ResourceInUseException("Stream " + s.name() + " under account " + settings.accountId()
                    + " not ACTIVE, instead in state CREATING");
        }
        for (ShardMetadata shard : s.shards()) {
            out.collect(shardCommand(ref, s, shard.index(), new ShardOp.Drop()));
        }
        stream.clear();
        return StreamDescriptions.empty(ref.format());
    }

    /** Increase/DecreaseStreamRetentionPeriod: the catalog keeps the hours, every shard log trims by them. */
    private byte[] retention(CallRef ref, RetentionRequest r, Collector<ShardCommand> out) throws Exception {
        StreamMetadata updated = SettingChanges.retention(changeable(r.streamName()), r);
        stream.update(updated);
        for (ShardMetadata shard : updated.shards()) {
            out.collect(shardCommand(ref, updated, shard.index(), new ShardOp.Retain()));
        }
        return StreamDescriptions.empty(ref.format());
    }

    /** UpdateShardCount (UNIFORM_SCALING); a count the stream already has changes nothing. */
    private byte[] updateShardCount(CallRef ref, UpdateShardCountRequest r, ReadOnlyContext ctx, Collector<ShardCommand> out) throws Exception {
        StreamMetadata s = changeable(r.streamName());
        int current = s.openShardCount();
        if (r.targetShardCount() != current) {
            long now = System.currentTimeMillis();
            Resharding.Outcome outcome = resharding.scale(s, r.targetShardCount(), now);
            List<Long> scalings = new ArrayList<>(resharding.recentScalings(s, now));
            scalings.add(now);
            reshard(ref, s.withScalingMillis(scalings), outcome, ctx, out);
        }
        return StreamDescriptions.updateShardCount(ref.format(), settings, s, current, r.targetShardCount());
    }

    /**
     * Stores a reshard: the new shard map, UPDATING for the configured time, and the logs of forgotten
     * (expired) shards dropped. Puts that the catalog routed to a now closed shard are ahead of any
     * later command in that shard's channel, so its log is final from here on.
     */
    private void reshard(CallRef ref, StreamMetadata s, Resharding.Outcome outcome, ReadOnlyContext ctx, Collector<ShardCommand> out)
            throws Exception {
        long delay = settings.updateDelay().toMillis();
        StreamMetadata updated = s.withShards(outcome.shards(), delay > 0 ? StreamStatus.UPDATING : StreamStatus.ACTIVE);
        stream.update(updated);
        if (delay > 0) {
            ctx.timerService().registerProcessingTimeTimer(updated.lastReshardMillis() + delay);
        }
        for (int index : outcome.forgotten()) {
            out.collect(shardCommand(ref, s, index, new ShardOp.Drop()));
        }
    }

    private byte[] put(CallRef ref, PutRecordsRequest r, Collector<ShardCommand> out) throws Exception {
        StreamMetadata s = active(r.streamName());
        Map<Integer, List<PutEntry>> byShard = new LinkedHashMap<>();
        for (PutEntry e : r.entries()) {
            int shard = s.route(e.hashKey()).index();
            byShard.computeIfAbsent(shard, k -> new ArrayList<>()).add(new PutEntry(e.index(), e.partitionKey(), e.data(), null));
        }
        int parts = byShard.size();
        for (Map.Entry<Integer, List<PutEntry>> e : byShard.entrySet()) {
            out.collect(shardCommand(ref, s, e.getKey(), new ShardOp.Append(r.single(), parts, r.entries().size(), e.getValue())));
        }
        return null;
    }

    private byte[] getShardIterator(CallRef ref, GetShardIteratorRequest r, Collector<ShardCommand> out) throws Exception {
        StreamMetadata s = active(r.streamName());
        ShardMetadata shard = s.shard(ShardId.parse(r.shardId()));
        if (shard == null) {
            throw new ResourceNotFoundException(
                    "Shard " + r.shardId() + " in stream " + s.name() + " under account " + settings.accountId() + " does not exist");
        }
        out.collect(shardCommand(ref, s, shard.index(),
                new ShardOp.OpenIterator(shard.shardId(), r.type(), r.startingSequenceNumber(), r.timestampMillis())));
        return null;
    }

    private byte[] getRecords(CallRef ref, GetRecordsRequest r, Collector<ShardCommand> out) throws Exception {
        StreamMetadata s = stream.value();
        if (s == null || s.generation() != r.position().generation()) {
            throw new ResourceNotFoundException(settings.notFound(r.streamName()));
        }
        ShardMetadata shard = s.shard(r.position().shardIndex());
        if (shard == null) {
            throw new ResourceNotFoundException("Shard " + ShardId.format(r.position().shardIndex()) + " in stream " + s.name() + " does not exist");
        }
        ShardOp.ShardEnd end = shard.isOpen() ? null : new ShardOp.ShardEnd(children(s, shard));
        out.collect(shardCommand(ref, s, shard.index(), new ShardOp.Read(r.position().epoch(), r.position().offset(), r.limit(), end)));
        return null;
    }

    /** The shards a closed shard's keys went to, as GetRecords names them at the shard's end. */
    private static List<ShardOp.ChildShard> children(StreamMetadata s, ShardMetadata parent) {
        List<ShardOp.ChildShard> children = new ArrayList<>();
        for (ShardMetadata shard : s.shards()) {
            Integer p = shard.parentIndex();
            Integer adjacent = shard.adjacentParentIndex();
            if ((p != null && p == parent.index()) || (adjacent != null && adjacent == parent.index())) {
                List<String> parents = new ArrayList<>();
                parents.add(ShardId.format(p));
                if (adjacent != null) {
                    parents.add(ShardId.format(adjacent));
                }
                children.add(new ShardOp.ChildShard(shard.shardId(), parents, shard.startHash().toString(), shard.endHash().toString()));
            }
        }
        return children;
    }

    private ShardCommand shardCommand(CallRef ref, StreamMetadata s, int shardIndex, ShardOp op) {
        return new ShardCommand(ref, s.shardKey(shardIndex), s.name(), s.generation(), s.streamTag(), shardIndex,
                settings.retentionMillis(s.retentionHours()),
                settings.shardLimits().enforced() && s.mode() == StreamMode.PROVISIONED, op);
    }
}
