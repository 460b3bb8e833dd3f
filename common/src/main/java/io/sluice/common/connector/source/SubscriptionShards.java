package io.sluice.common.connector.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shards of one {@link StreamSubscription}, as the enumerator tracks them: a shard becomes a pending split once
 * its parents are done (finished by a reader, or expired), so every partition key's records are read in order across
 * reshards. The first discovery applies the subscription's starting position; shards found later (children) start
 * at their beginning, or at the subscription's time for AT_TIMESTAMP. Ids here are shard ids.
 */
final class SubscriptionShards {

    private StreamSubscription subscription;
    private final Set<String> assigned;
    private final Set<String> finished;
    private final Map<String, ShardSplit> pending = new LinkedHashMap<>();
    private boolean discovered;
    private Map<String, ShardInfo> known = new HashMap<>();

    SubscriptionShards(EnumeratorState.Subscription restored) {
        this.subscription = restored.subscription();
        this.assigned = new HashSet<>(restored.assigned());
        this.finished = new HashSet<>(restored.finished());
        restored.pending().forEach(split -> pending.put(split.shardId(), split));
        this.discovered = restored.discovered();
    }

    static SubscriptionShards fresh(StreamSubscription subscription) {
        return new SubscriptionShards(new EnumeratorState.Subscription(subscription, Set.of(), Set.of(), List.of(), false));
    }

    StreamSubscription subscription() {
        return subscription;
    }

    /** Takes the catalog's description of this subscription (a version-1 restore knows only its id). */
    void describedAs(StreamSubscription described) {
        if (subscription.streamName() == null) {
            subscription = described;
        }
    }

    /** The stream's current shard listing. */
    void discovered(List<ShardInfo> shards) {
        Map<String, ShardInfo> listed = new LinkedHashMap<>();
        shards.forEach(s -> listed.put(s.shardId(), s));
        known = listed;
        // Finished shards that expired need no remembering: an unlisted parent counts as done.
        finished.retainAll(listed.keySet());
        consider(listed.values());
        discovered = true;
    }

    /** A reader read these shards to their end: their children may start. */
    void finished(Collection<String> shardIds) {
        for (String id : shardIds) {
            assigned.remove(id);
            finished.add(id);
        }
        consider(known.values());
    }

    /** A reader failed before a checkpoint had these splits: hand them out again. */
    void addBack(ShardSplit split) {
        assigned.remove(split.shardId());
        pending.put(split.shardId(), split);
    }

    /** Whether the stream's shards have been listed (at least once, also before a restore). */
    boolean discovered() {
        return discovered;
    }

    /** The shards a reader reads or will read next: assigned, or pending for their reader. */
    Set<String> liveShards() {
        Set<String> live = new HashSet<>(assigned);
        live.addAll(pending.keySet());
        return live;
    }

    Collection<ShardSplit> pending() {
        return pending.values();
    }

    void assigned(ShardSplit split) {
        pending.remove(split.shardId());
        assigned.add(split.shardId());
    }

    EnumeratorState.Subscription snapshot() {
        return new EnumeratorState.Subscription(subscription, assigned, finished, new ArrayList<>(pending.values()), discovered);
    }

    /** Makes splits of the shards that are new and whose parents are done. */
    private void consider(Collection<ShardInfo> shards) {
        StartingPosition start = subscription.start();
        for (ShardInfo shard : shards) {
            String id = shard.shardId();
            if (assigned.contains(id) || finished.contains(id) || pending.containsKey(id)) {
                continue;
            }
            if (!discovered && start.kind() == StartingPosition.Kind.LATEST && shard.closed()) {
                finished.add(id); // history before the start: nothing of it is read
                continue;
            }
            if (!parentsDone(shard)) {
                continue;
            }
            StartingPosition position = discovered ? laterShardsStart(start) : firstShardsStart(start);
            pending.put(id, new ShardSplit(subscription.streamName(), id, shard.parents(), position, null, 0, false, subscription.id()));
        }
    }

    /**
     * Where the shards of the first discovery start. LATEST is pinned to the discovery's time, so that a
     * split restored before it emitted anything does not jump to a later LATEST and skip what came between.
     */
    private static StartingPosition firstShardsStart(StartingPosition start) {
        return start.kind() == StartingPosition.Kind.LATEST ? StartingPosition.atTimestamp(Instant.now()) : start;
    }

    /** Shards found after the first discovery are new since the start: all of their records are read. */
    private static StartingPosition laterShardsStart(StartingPosition start) {
        return start.kind() == StartingPosition.Kind.AT_TIMESTAMP ? start : StartingPosition.trimHorizon();
    }

    private boolean parentsDone(ShardInfo shard) {
        for (String parent : shard.parents()) {
            // A parent the listing no longer has has expired, and nothing of it is left to read first, unless a
            // reader is still on it (a reader far behind near the end of retention).
            boolean expired = !known.containsKey(parent) && !assigned.contains(parent) && !pending.containsKey(parent);
            if (!finished.contains(parent) && !expired) {
                return false;
            }
        }
        return true;
    }
}
