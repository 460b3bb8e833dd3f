package io.sluice.ingest.catalog;

import io.sluice.common.error.ApiException;
import io.sluice.common.error.InternalFailure;
import io.sluice.common.error.ResourceInUseException;
import io.sluice.common.error.ResourceNotFoundException;
import io.sluice.common.http.ApiReply;
import io.sluice.common.http.CallRef;
import io.sluice.common.http.HttpEndpoints;
import io.sluice.common.model.ShardId;
import io.sluice.common.serialization.JacksonTypeInfo;
import io.sluice.common.wire.WireFormat;
import io.sluice.ingest.IngestJob;
import io.sluice.ingest.IngestSettings;
import io.sluice.ingest.api.DescribeStreamRequest;
import io.sluice.ingest.api.DescribeStreamSummaryRequest;
import io.sluice.ingest.api.GetRecordsRequest;
import io.sluice.ingest.api.GetShardIteratorRequest;
import io.sluice.ingest.api.ListShardsRequest;
import io.sluice.ingest.api.ListTagsRequest;
import io.sluice.ingest.api.PutEntry;
import io.sluice.ingest.api.PutRecordsRequest;
import io.sluice.ingest.api.StreamMode;
import io.sluice.ingest.api.StreamRequest;
import io.sluice.ingest.api.Tokens;
import io.sluice.ingest.reply.StreamDescriptions;
import io.sluice.ingest.reply.TagReplies;
import io.sluice.ingest.routing.StreamCommand;
import io.sluice.ingest.shard.ShardCommand;
import io.sluice.ingest.shard.ShardOp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane's view of the streams, keyed by stream name: each stream's metadata as the
 * {@link StreamRegistry} decided it. Puts, iterators and reads are checked against the stream and
 * routed to the shard logs here; DescribeStream, ListShards and tag listings are answered here. A
 * registry decision ({@link StreamChange}) is stored first and answered after, so a stream is routable
 * the moment it is reported ACTIVE, and because puts are routed here too, every put after a reshard
 * goes to the new shards while every put before it reaches the closed shard's log first.
 */
public final class StreamCatalog extends KeyedCoProcessFunction<String, StreamCommand, StreamChange, ShardCommand> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(StreamCatalog.class);

    /** Operator uid of the catalog in the ingest job (savepoint compatibility: never change it). */
    public static final String UID = IngestJob.UID_PREFIX + "-stream-catalog";

    public static final OutputTag<ApiReply> REPLIES = new OutputTag<>("catalog-replies", HttpEndpoints.REPLY_TYPE);

    /** The call of shard commands that no call asked for (they answer nothing). */
    private static final CallRef NO_CALL = new CallRef(-1, 0, 0, WireFormat.JSON);

    /** The stream's metadata (public for replay, which reads it out of a savepoint). */
    public static final ValueStateDescriptor<StreamMetadata> STREAM =
            new ValueStateDescriptor<>("stream", JacksonTypeInfo.of(StreamMetadata.class));

    private final IngestSettings settings;
    private transient ValueState<StreamMetadata> stream;
    private transient ShardListing listing;

    public StreamCatalog(IngestSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        stream = getRuntimeContext().getState(STREAM);
        listing = new ShardListing(settings, new Tokens(settings.tokenSecret()));
    }

    @Override
    public void processElement1(StreamCommand cmd, Context ctx, Collector<ShardCommand> out) throws Exception {
        CallRef ref = cmd.ref();
        try {
            byte[] answer = handle(ref, cmd.request(), out);
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

    /** Answers a read of the stream, or routes a data call to its shard(s) and returns {@code null}. */
    private byte[] handle(CallRef ref, StreamRequest request, Collector<ShardCommand> out) throws Exception {
        if (request instanceof PutRecordsRequest r) {
            return put(ref, r, out);
        } else if (request instanceof GetRecordsRequest r) {
            return getRecords(ref, r, out);
        } else if (request instanceof GetShardIteratorRequest r) {
            return getShardIterator(ref, r, out);
        } else if (request instanceof DescribeStreamRequest r) {
            return listing.describe(ref.format(), existing(r.streamName()), r);
        } else if (request instanceof DescribeStreamSummaryRequest r) {
            return StreamDescriptions.describeStreamSummary(ref.format(), settings, existing(r.streamName()));
        } else if (request instanceof ListShardsRequest r) {
            return listing.listShards(ref.format(), existing(r.streamName()), r);
        } else if (request instanceof ListTagsRequest r) {
            StreamMetadata s = existing(r.streamName());
            return r.byResource()
                    ? TagReplies.all(ref.format(), s.tags())
                    : TagReplies.page(ref.format(), s.tags(), r.exclusiveStartTagKey(), r.limit());
        }
        throw new IllegalArgumentException("Unhandled request " + request.getClass().getSimpleName());
    }

    /**
     * Stores a registry decision, tells the shard logs what it means for them (a deleted stream's or a
     * forgotten shard's log is dropped; a retention or monitoring change reaches every shard), then answers the call.
     */
    @Override
    public void processElement2(StreamChange change, Context ctx, Collector<ShardCommand> out) throws Exception {
        CallRef ref = change.ref();
        try {
            apply(change, ctx, out);
        } catch (ApiException e) {
            if (ref != null) {
                ctx.output(REPLIES, ApiReply.error(ref, e));
            }
        } catch (RuntimeException e) {
            LOG.warn("Unexpected catalog failure applying a change of stream {}", change.streamName(), e);
            if (ref != null) {
                ctx.output(REPLIES, ApiReply.error(ref, new InternalFailure("Internal failure on stream " + change.streamName())));
            }
        }
    }

    private void apply(StreamChange change, Context ctx, Collector<ShardCommand> out) throws Exception {
        StreamMetadata before = stream.value();
        StreamMetadata after = change.metadata();
        CallRef ref = change.ref();
        if (before != null && after != null && after.generation() <= before.generation() && after.createdAtMillis() != before.createdAtMillis()) {
            // A creation the registry did not know was a re-creation (its state is older than the catalog's, e.g.
            // restored from a checkpoint of a build without the registry): never let it replace, or drop, a stream.
            throw new ResourceInUseException("Stream " + before.name() + " under account " + settings.accountId() + " already exists.");
        }
        if (after == null) {
            stream.clear();
        } else {
            stream.update(after);
        }
        if (before != null) {
            // Changes no call asked for (expired shards leaving the map) drop logs too; those commands answer nothing.
            CallRef commandRef = ref != null ? ref : NO_CALL;
            boolean sameIncarnation = after != null && after.generation() == before.generation();
            Set<Integer> kept = new HashSet<>();
            if (sameIncarnation) {
                after.shards().forEach(shard -> kept.add(shard.index()));
            }
            for (ShardMetadata shard : before.shards()) {
                if (!kept.contains(shard.index())) {
                    out.collect(shardCommand(commandRef, before, shard.index(), new ShardOp.Drop()));
                }
            }
            boolean settingsChanged = after != null && (after.retentionHours() != before.retentionHours()
                    || after.shardMetricsMask() != before.shardMetricsMask());
            if (sameIncarnation && settingsChanged) {
                for (ShardMetadata shard : after.shards()) {
                    out.collect(shardCommand(commandRef, after, shard.index(), new ShardOp.Refresh()));
                }
            }
        }
        if (ref != null && change.reply() != null) {
            ctx.output(REPLIES, ApiReply.ok(ref, change.reply()));
        }
    }

    private StreamMetadata existing(String name) throws Exception {
        StreamMetadata s = stream.value();
        if (s == null) {
            throw new ResourceNotFoundException(settings.notFound(name));
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
                settings.shardLimits().enforced() && s.mode() == StreamMode.PROVISIONED, s.shardMetricsMask(), op);
    }
}
