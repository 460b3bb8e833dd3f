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
import io.sluice.common.serialization.JacksonTypeInfo;
import io.sluice.ingest.IngestSettings;
import io.sluice.ingest.api.ControlRequest;
import io.sluice.ingest.api.CreateStreamRequest;
import io.sluice.ingest.api.DeleteStreamRequest;
import io.sluice.ingest.api.EnhancedMonitoringRequest;
import io.sluice.ingest.api.ListStreamsRequest;
import io.sluice.ingest.api.MergeShardsRequest;
import io.sluice.ingest.api.RetentionRequest;
import io.sluice.ingest.api.ShardLevelMetric;
import io.sluice.ingest.api.SplitShardRequest;
import io.sluice.ingest.api.StreamMode;
import io.sluice.ingest.api.TagStreamRequest;
import io.sluice.ingest.api.Tokens;
import io.sluice.ingest.api.UntagStreamRequest;
import io.sluice.ingest.api.UpdateShardCountRequest;
import io.sluice.ingest.api.UpdateStreamModeRequest;
import io.sluice.ingest.reply.StreamDescriptions;
import io.sluice.ingest.routing.AccountQuery;
import io.sluice.ingest.routing.StreamCommand;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's control plane, one instance for the whole account (parallelism 1, one key): it
 * decides every call that changes streams (create, delete, settings, tags, reshards) against all of
 * the account's streams, so account-wide quotas hold, and answers ListStreams and DescribeLimits.
 * Each decision travels to the {@link StreamCatalog} as a {@link StreamChange}, keyed by stream; the
 * catalog stores it and only then answers the call, so whatever a caller is told has happened is what
 * the catalog routes by. Status timers (CREATING and UPDATING to ACTIVE) run here too.
 */
public final class StreamRegistry extends KeyedCoProcessFunction<String, StreamCommand, AccountQuery, StreamChange> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(StreamRegistry.class);

    /** How often a stream may switch capacity mode in a rolling 24 hours (AWS: twice). */
    static final int MAX_MODE_SWITCHES_PER_DAY = 2;

    /** The one key of the registry: the account. */
    public static final String ACCOUNT_KEY = "account";

    public static final OutputTag<ApiReply> REPLIES = new OutputTag<>("registry-replies", HttpEndpoints.REPLY_TYPE);

    static final MapStateDescriptor<String, StreamMetadata> STREAMS =
            new MapStateDescriptor<>("streams", Types.STRING, JacksonTypeInfo.of(StreamMetadata.class));

    /** How many times each name was created (a re-created stream is a new incarnation). */
    static final MapStateDescriptor<String, Long> GENERATIONS = new MapStateDescriptor<>("generations", Types.STRING, Types.LONG);

    private final IngestSettings settings;
    private transient MapState<String, StreamMetadata> streams;
    private transient MapState<String, Long> generations;
    private transient Resharding resharding;
    private transient AccountLimits limits;
    private transient Tokens tokens;

    public StreamRegistry(IngestSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        streams = getRuntimeContext().getMapState(STREAMS);
        generations = getRuntimeContext().getMapState(GENERATIONS);
        resharding = new Resharding(settings);
        limits = new AccountLimits(settings);
        tokens = new Tokens(settings.tokenSecret());
    }

    @Override
    public void processElement1(StreamCommand cmd, Context ctx, Collector<StreamChange> out) throws Exception {
        try {
            decide(cmd.ref(), (ControlRequest) cmd.request(), ctx, out);
        } catch (ApiException e) {
            ctx.output(REPLIES, ApiReply.error(cmd.ref(), e));
        } catch (RuntimeException e) {
            LOG.warn("Unexpected registry failure for stream {}", cmd.streamName(), e);
            ctx.output(REPLIES, ApiReply.error(cmd.ref(), new InternalFailure("Internal failure on stream " + cmd.streamName())));
        }
    }

    @Override
    public void processElement2(AccountQuery query, Context ctx, Collector<StreamChange> out) throws Exception {
        try {
            byte[] answer = query instanceof AccountQuery.ListStreams list
                    ? listStreams(query.ref(), list.request())
                    : limits.describeLimits(query.ref().format(), usage());
            ctx.output(REPLIES, ApiReply.ok(query.ref(), answer));
        } catch (RuntimeException e) {
            LOG.warn("Unexpected registry failure for {}", query, e);
            ctx.output(REPLIES, ApiReply.error(query.ref(), new InternalFailure("Internal failure")));
        }
    }

    private void decide(CallRef ref, ControlRequest request, Context ctx, Collector<StreamChange> out) throws Exception {
        String name = request.streamName();
        long now = ctx.timerService().currentProcessingTime();
        byte[] empty = StreamDescriptions.empty(ref.format());
        if (request instanceof CreateStreamRequest r) {
            create(ref, r, now, ctx, out);
        } else if (request instanceof DeleteStreamRequest) {
            StreamMetadata s = existing(name);
            if (s.status() == StreamStatus.CREATING) {
                throw notActive(s);
            }
            streams.remove(name);
            out.collect(new StreamChange(ref, name, null, empty));
        } else if (request instanceof TagStreamRequest r) {
            StreamMetadata s = existing(name);
            store(ref, s.withTags(SettingChanges.addTags(name, s.tags(), r.tags(), settings.accountId())), empty, out);
        } else if (request instanceof UntagStreamRequest r) {
            StreamMetadata s = existing(name);
            store(ref, s.withTags(SettingChanges.removeTags(s, r.tagKeys())), empty, out);
        } else if (request instanceof RetentionRequest r) {
            store(ref, SettingChanges.retention(changeable(name), r), empty, out);
        } else if (request instanceof UpdateStreamModeRequest r) {
            updateStreamMode(ref, r, now, out);
        } else if (request instanceof SplitShardRequest r) {
            StreamMetadata s = changeable(name);
            reshard(ref, s, resharding.split(s, r, now), empty, ctx, out);
        } else if (request instanceof MergeShardsRequest r) {
            StreamMetadata s = changeable(name);
            reshard(ref, s, resharding.merge(s, r, now), empty, ctx, out);
        } else if (request instanceof UpdateShardCountRequest r) {
            updateShardCount(ref, r, now, ctx, out);
        } else if (request instanceof EnhancedMonitoringRequest r) {
            StreamMetadata s = changeable(name);
            Set<ShardLevelMetric> desired = EnumSet.noneOf(ShardLevelMetric.class);
            desired.addAll(s.shardLevelMetrics());
            if (r.enable()) {
                desired.addAll(ShardLevelMetric.expand(r.metrics()));
            } else {
                desired.removeAll(ShardLevelMetric.expand(r.metrics()));
            }
            StreamMetadata updated = s.withShardLevelMetrics(desired);
            store(ref, updated, StreamDescriptions.enhancedMonitoring(ref.format(), settings, s, updated), out);
        } else {
            throw new IllegalArgumentException("Unhandled control request " + request.getClass().getSimpleName());
        }
    }

    /** UpdateStreamMode: at most two switches per rolling day, and ON_DEMAND within the on-demand stream quota. */
    private void updateStreamMode(CallRef ref, UpdateStreamModeRequest r, long now, Collector<StreamChange> out) throws Exception {
        StreamMetadata s = changeable(r.streamName());
        if (r.mode() == s.mode()) {
            out.collect(new StreamChange(ref, s.name(), s, StreamDescriptions.empty(ref.format())));
            return;
        }
        List<Long> switches = new ArrayList<>(DailyLimit.recent(s.modeSwitchMillis(), now, settings.dayMillis()));
        if (switches.size() >= MAX_MODE_SWITCHES_PER_DAY) {
            throw new LimitExceededException("Stream " + s.name() + " under account " + settings.accountId() + " has already switched"
                    + " capacity mode " + MAX_MODE_SWITCHES_PER_DAY + " times in the last 24 hours.");
        }
        if (r.mode() == StreamMode.ON_DEMAND) {
            limits.checkOnDemandStream(usage());
        }
        switches.add(now);
        store(ref, s.withMode(r.mode(), switches), StreamDescriptions.empty(ref.format()), out);
    }

    /** UpdateShardCount (UNIFORM_SCALING); a count the stream already has changes nothing. */
    private void updateShardCount(CallRef ref, UpdateShardCountRequest r, long now, Context ctx, Collector<StreamChange> out) throws Exception {
        StreamMetadata s = changeable(r.streamName());
        resharding.provisioned(s);
        int current = s.openShardCount();
        byte[] answer = StreamDescriptions.updateShardCount(ref.format(), settings, s, current, r.targetShardCount());
        if (r.targetShardCount() == current) {
            ctx.output(REPLIES, ApiReply.ok(ref, answer));
            return;
        }
        Resharding.Outcome outcome = resharding.scale(s, r.targetShardCount(), now);
        List<Long> scalings = new ArrayList<>(resharding.recentScalings(s, now));
        scalings.add(now);
        reshard(ref, s.withScalingMillis(scalings), outcome, answer, ctx, out);
    }

    private void create(CallRef ref, CreateStreamRequest r, long now, Context ctx, Collector<StreamChange> out) throws Exception {
        String name = r.streamName();
        if (streams.contains(name)) {
            throw new ResourceInUseException("Stream " + name + " under account " + settings.accountId() + " already exists.");
        }
        AccountLimits.Usage usage = usage();
        limits.checkShards(usage, r.shardCount());
        if (r.mode() == StreamMode.ON_DEMAND) {
            limits.checkOnDemandStream(usage);
        }
        SortedMap<String, String> tags = SettingChanges.addTags(name, Map.of(), r.tags(), settings.accountId());
        Long previous = generations.get(name);
        long generation = previous == null ? 1 : previous + 1;
        List<HashKeyRange> ranges = HashKeyRange.splitEvenly(r.shardCount());
        List<ShardMetadata> shards = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            shards.add(ShardMetadata.open(i, ranges.get(i), now));
        }
        long delay = settings.createDelay().toMillis();
        StreamStatus status = delay > 0 ? StreamStatus.CREATING : StreamStatus.ACTIVE;
        generations.put(name, generation);
        StreamMetadata created = new StreamMetadata(name, generation, status, r.mode(), now, settings.retentionHours(), shards, tags,
                List.of(), Set.of(), List.of());
        store(ref, created, StreamDescriptions.empty(ref.format()), out);
        if (delay > 0) {
            ctx.timerService().registerProcessingTimeTimer(now + delay);
        }
    }

    /** Stores a reshard that fits the shard quota; the stream is UPDATING for the configured time. */
    private void reshard(CallRef ref, StreamMetadata s, Resharding.Outcome outcome, byte[] answer, Context ctx, Collector<StreamChange> out)
            throws Exception {
        limits.checkShards(usage(), outcome.openShardCount() - s.openShardCount());
        long delay = settings.updateDelay().toMillis();
        StreamMetadata updated = s.withShards(outcome.shards(), delay > 0 ? StreamStatus.UPDATING : StreamStatus.ACTIVE);
        store(ref, updated, answer, out);
        if (delay > 0) {
            ctx.timerService().registerProcessingTimeTimer(updated.lastReshardMillis() + delay);
        }
        // The closed shards leave the map when their last records expire.
        ctx.timerService().registerProcessingTimeTimer(updated.lastReshardMillis() + settings.retentionMillis(updated.retentionHours()));
    }

    private void store(CallRef ref, StreamMetadata s, byte[] answer, Collector<StreamChange> out) throws Exception {
        streams.put(s.name(), s);
        out.collect(new StreamChange(ref, s.name(), s, answer));
    }

    /**
     * A timer fired: streams whose CREATING or UPDATING time is over turn ACTIVE, and closed shards
     * whose records have all expired leave their stream's map (their logs are dropped).
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<StreamChange> out) throws Exception {
        List<StreamMetadata> due = new ArrayList<>();
        for (StreamMetadata s : streams.values()) {
            StreamMetadata next = s;
            boolean created = s.status() == StreamStatus.CREATING && timestamp >= s.createdAtMillis() + settings.createDelay().toMillis();
            boolean updated = s.status() == StreamStatus.UPDATING && timestamp >= s.lastReshardMillis() + settings.updateDelay().toMillis();
            if (created || updated) {
                next = next.withStatus(StreamStatus.ACTIVE);
            }
            next = withoutExpiredShards(next, timestamp, ctx);
            if (next != s) {
                due.add(next);
            }
        }
        for (StreamMetadata s : due) {
            streams.put(s.name(), s);
            out.collect(new StreamChange(null, s.name(), s, null));
        }
    }

    /** The stream without its closed shards that expired by {@code now}; a timer for the next one to expire. */
    private StreamMetadata withoutExpiredShards(StreamMetadata s, long now, OnTimerContext ctx) {
        long retention = settings.retentionMillis(s.retentionHours());
        List<ShardMetadata> kept = new ArrayList<>();
        long nextExpiry = Long.MAX_VALUE;
        for (ShardMetadata shard : s.shards()) {
            if (shard.isOpen() || shard.closedAtMillis() + retention > now) {
                kept.add(shard);
                if (!shard.isOpen()) {
                    nextExpiry = Math.min(nextExpiry, shard.closedAtMillis() + retention);
                }
            }
        }
        if (nextExpiry != Long.MAX_VALUE) {
            ctx.timerService().registerProcessingTimeTimer(nextExpiry);
        }
        return kept.size() == s.shards().size() ? s : s.withShards(kept, s.status());
    }

    private byte[] listStreams(CallRef ref, ListStreamsRequest r) throws Exception {
        String after = r.exclusiveStartStreamName();
        List<StreamMetadata> all = new ArrayList<>();
        for (StreamMetadata s : streams.values()) {
            if (after == null || s.name().compareTo(after) > 0) {
                all.add(s);
            }
        }
        all.sort(Comparator.comparing(StreamMetadata::name));
        boolean more = all.size() > r.limit();
        List<StreamMetadata> page = more ? all.subList(0, r.limit()) : all;
        String nextToken = more ? tokens.listStreams(page.get(page.size() - 1).name(), System.currentTimeMillis()) : null;
        return StreamDescriptions.listStreams(ref.format(), settings, page, more, nextToken);
    }

    private AccountLimits.Usage usage() throws Exception {
        return AccountLimits.Usage.of(streams.values());
    }

    private StreamMetadata existing(String name) throws Exception {
        StreamMetadata s = streams.get(name);
        if (s == null) {
            throw new ResourceNotFoundException(settings.notFound(name));
        }
        return s;
    }

    /** A stream whose settings may change now: it exists and is ACTIVE (ResourceInUseException otherwise). */
    private StreamMetadata changeable(String name) throws Exception {
        StreamMetadata s = existing(name);
        if (s.status() != StreamStatus.ACTIVE) {
            throw notActive(s);
        }
        return s;
    }

    private ResourceInUseException notActive(StreamMetadata s) {
        return new ResourceInUseException("Stream " + s.name() + " under account " + settings.accountId()
                + " not ACTIVE, instead in state " + s.status());
    }
}
