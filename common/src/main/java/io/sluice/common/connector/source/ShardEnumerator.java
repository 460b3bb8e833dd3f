package io.sluice.common.connector.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the subscriptions a {@link StreamCatalog} names, each through its {@link SubscriptionShards}: at every
 * discovery interval it asks the catalog (on the worker thread), lists the shards of every stream read, and then
 * (on the coordinator thread) starts new subscriptions, drops those the catalog no longer names (and tells the
 * readers, {@link ActiveSubscriptions}), and hands out the splits that may be read. Each split goes to the reader its
 * {@linkplain #owner owner}'s hash names, and waits until that reader has registered (as in Flink's Kafka enumerator): a
 * reader that registers after the first discovery still gets its splits, so it is not left without records and without
 * watermarks, holding back event time. A failed catalog call keeps the subscriptions as they were; a stream whose listing
 * fails (not created yet, say) is tried again at the next interval.
 */
public final class ShardEnumerator implements SplitEnumerator<ShardSplit, EnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(ShardEnumerator.class);

    private final SplitEnumeratorContext<ShardSplit> context;
    private final StreamCatalog.Factory catalogs;
    private final ShardListerFactory listers;
    private final long discoveryIntervalMillis;
    private final Map<String, SubscriptionShards> subscriptions = new LinkedHashMap<>();
    /** The subscriptions as the worker thread sees them (the last catalog answer, or the restored ones). */
    private volatile List<StreamSubscription> current;
    /** The last answer of the catalog since this enumerator started, or null. */
    private Set<String> active;
    private StreamCatalog catalog;
    private ShardLister lister;
    /** Worker thread only: whether the last catalog call failed, and the streams whose last listing failed (warned once). */
    private boolean catalogFailing;
    private final Set<String> failingStreams = new HashSet<>();
    /** Readers told that they own no shard ({@link NoShards}), until they own one again. */
    private final Set<Integer> shardless = new HashSet<>();

    /** Makes the lister of shards where the enumerator runs. */
    @FunctionalInterface
    interface ShardListerFactory {
        ShardLister open();
    }

    ShardEnumerator(SplitEnumeratorContext<ShardSplit> context, StreamCatalog.Factory catalogs, ShardListerFactory listers,
            long discoveryIntervalMillis, EnumeratorState restored) {
        this.context = context;
        this.catalogs = catalogs;
        this.listers = listers;
        this.discoveryIntervalMillis = discoveryIntervalMillis;
        restored.subscriptions().forEach(s -> subscriptions.put(s.subscription().id(), new SubscriptionShards(s)));
        this.current = describedSubscriptions();
    }

    @Override
    public void start() {
        catalog = catalogs.open();
        lister = listers.open();
        context.callAsync(this::discover, this::onDiscovered, 0, discoveryIntervalMillis);
    }

    /** What one discovery round found: the catalog's answer (null when it failed) and each stream's shards. */
    private record Discovery(List<StreamSubscription> subscriptions, Map<String, List<ShardInfo>> shards) {}

    /** Worker thread: asks the catalog, then lists the shards of every stream to read. */
    private Discovery discover() {
        List<StreamSubscription> named = null;
        try {
            named = catalog.subscriptions();
            catalogFailing = false;
        } catch (Exception e) {
            if (!catalogFailing) {
                LOG.warn("The stream catalog did not answer ({}); reading the {} known subscriptions, asking again every {} ms", e,
                        current.size(), discoveryIntervalMillis);
            }
            LOG.debug("The stream catalog did not answer", e);
            catalogFailing = true;
        }
        Set<String> streams = new LinkedHashSet<>();
        (named != null ? named : current).forEach(s -> streams.add(s.streamName()));
        Map<String, List<ShardInfo>> shards = new HashMap<>();
        for (String stream : streams) {
            try {
                shards.put(stream, lister.shards(stream));
            } catch (Exception e) {
                if (failingStreams.add(stream)) {
                    LOG.warn("Listing the shards of {} failed ({}); trying again every {} ms", stream, e, discoveryIntervalMillis);
                }
                LOG.debug("Listing the shards of {} failed", stream, e);
                continue;
            }
            failingStreams.remove(stream);
        }
        return new Discovery(named, shards);
    }

    /** Coordinator thread: applies a discovery round. */
    private void onDiscovered(Discovery found, Throwable error) {
        if (error != null) {
            LOG.warn("Discovery failed; trying again in {} ms", discoveryIntervalMillis, error);
            return;
        }
        if (found.subscriptions() != null) {
            applyCatalog(found.subscriptions());
        }
        for (SubscriptionShards s : subscriptions.values()) {
            List<ShardInfo> shards = s.subscription().streamName() == null ? null : found.shards().get(s.subscription().streamName());
            if (shards != null) {
                s.discovered(shards);
            }
        }
        assignPending();
    }

    private void applyCatalog(List<StreamSubscription> named) {
        Map<String, StreamSubscription> byId = new LinkedHashMap<>();
        named.forEach(s -> byId.put(s.id(), s));
        subscriptions.keySet().retainAll(byId.keySet());
        for (StreamSubscription s : byId.values()) {
            SubscriptionShards known = subscriptions.get(s.id());
            if (known == null) {
                subscriptions.put(s.id(), SubscriptionShards.fresh(s));
                LOG.info("Reading stream {} for subscription '{}' from {}", s.streamName(), s.id(), s.start());
            } else {
                known.describedAs(s);
            }
        }
        current = describedSubscriptions();
        if (!byId.keySet().equals(active)) {
            active = Set.copyOf(byId.keySet());
            // After the splits of the new subscriptions (assigned below): events to a reader keep their order.
            for (int reader : context.registeredReaders().keySet()) {
                context.sendEventToSourceReader(reader, new ActiveSubscriptions(active));
            }
        }
    }

    private List<StreamSubscription> describedSubscriptions() {
        List<StreamSubscription> described = new ArrayList<>();
        subscriptions.values().forEach(s -> {
            if (s.subscription().streamName() != null) {
                described.add(s.subscription());
            }
        });
        return List.copyOf(described);
    }

    private void assignPending() {
        Set<Integer> readers = context.registeredReaders().keySet();
        if (readers.isEmpty()) {
            return;
        }
        Map<Integer, List<ShardSplit>> assignment = new HashMap<>();
        for (SubscriptionShards s : subscriptions.values()) {
            for (ShardSplit split : s.pending()) {
                int owner = owner(split.subscription(), split.shardId());
                if (readers.contains(owner)) {
                    assignment.computeIfAbsent(owner, r -> new ArrayList<>()).add(split);
                }
            }
        }
        if (!assignment.isEmpty()) {
            context.assignSplits(new SplitsAssignment<>(assignment));
            for (List<ShardSplit> splits : assignment.values()) {
                for (ShardSplit split : splits) {
                    subscriptions.get(split.subscription()).assigned(split);
                }
            }
        }
        announceShardless(readers);
    }

    /**
     * Tells each reader that owns no shard of any subscription so ({@link NoShards}, once until it owns one again), but
     * only when every subscription's shards have been listed: before that, no reader knows yet what it will read.
     */
    private void announceShardless(Set<Integer> readers) {
        if (subscriptions.isEmpty()) {
            return;
        }
        Set<Integer> owning = new HashSet<>();
        for (SubscriptionShards s : subscriptions.values()) {
            if (!s.discovered()) {
                return;
            }
            for (String shardId : s.liveShards()) {
                owning.add(owner(s.subscription().id(), shardId));
            }
        }
        for (int reader : readers) {
            if (owning.contains(reader)) {
                shardless.remove(reader);
            } else if (shardless.add(reader)) {
                context.sendEventToSourceReader(reader, new NoShards());
            }
        }
    }

    /**
     * What picks a split's reader: its shard for a single-stream source (shards spread over the readers); its
     * subscription otherwise, so that one reader reads all of a subscription's shards, and a child's records follow
     * its parent's through the same output channel (a subscriber that keys by subscription, as the delivery job's
     * buffer does, then sees every partition key in order across reshards).
     */
    private int owner(String subscription, String shardId) {
        String key = subscription.isEmpty() ? shardId : subscription;
        return Math.floorMod(key.hashCode(), context.currentParallelism());
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Splits are pushed as they become readable.
    }

    @Override
    public void addSplitsBack(List<ShardSplit> splits, int subtaskId) {
        for (ShardSplit split : splits) {
            SubscriptionShards s = subscriptions.get(split.subscription());
            if (s != null) {
                s.addBack(split);
            }
        }
        assignPending();
    }

    @Override
    public void addReader(int subtaskId) {
        shardless.remove(subtaskId); // a restarted reader has not heard it
        if (active != null) {
            context.sendEventToSourceReader(subtaskId, new ActiveSubscriptions(active));
        }
        assignPending();
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        if (event instanceof ShardsFinished done) {
            Map<String, List<String>> bySubscription = new HashMap<>();
            for (String splitId : done.splitIds()) {
                bySubscription.computeIfAbsent(StreamSubscription.subscriptionOf(splitId), k -> new ArrayList<>())
                        .add(StreamSubscription.shardOf(splitId));
            }
            bySubscription.forEach((id, shardIds) -> {
                SubscriptionShards s = subscriptions.get(id);
                if (s != null) { // the splits of a dropped subscription end without anyone waiting for them
                    s.finished(shardIds);
                }
            });
            assignPending();
        }
    }

    @Override
    public EnumeratorState snapshotState(long checkpointId) {
        List<EnumeratorState.Subscription> state = new ArrayList<>(subscriptions.size());
        subscriptions.values().forEach(s -> state.add(s.snapshot()));
        return new EnumeratorState(state);
    }

    @Override
    public void close() {
        if (lister != null) {
            lister.close();
        }
        if (catalog != null) {
            catalog.close();
        }
    }
}
