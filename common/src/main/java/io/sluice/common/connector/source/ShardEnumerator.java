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
import java.util.function.Supplier;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers the stream's shards periodically and hands each to a reader once it may be read: a shard
 * whose parents are still being read waits until the readers report them finished (or they have
 * expired), so every partition key's records are emitted in order across reshards. The first
 * discovery applies the source's starting position; shards found later (children) start at their
 * beginning. Each shard goes to the reader its id's hash names, and waits until that reader has
 * registered (as in Flink's Kafka enumerator): a reader that registers after the first discovery still
 * gets its shards, so it is not left without records and without watermarks, holding back event time.
 */
public final class ShardEnumerator implements SplitEnumerator<ShardSplit, EnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(ShardEnumerator.class);

    private final SplitEnumeratorContext<ShardSplit> context;
    private final Supplier<ShardLister> listers;
    private final String streamName;
    private final StartingPosition start;
    private final long discoveryIntervalMillis;
    private final Set<String> assigned;
    private final Set<String> finished;
    private final Map<String, ShardSplit> pending = new LinkedHashMap<>();
    private boolean discovered;
    private Map<String, ShardInfo> known = new HashMap<>();
    private ShardLister lister;

    ShardEnumerator(SplitEnumeratorContext<ShardSplit> context, Supplier<ShardLister> listers, String streamName,
            StartingPosition start, long discoveryIntervalMillis, EnumeratorState restored) {
        this.context = context;
        this.listers = listers;
        this.streamName = streamName;
        this.start = start;
        this.discoveryIntervalMillis = discoveryIntervalMillis;
        this.assigned = new HashSet<>(restored.assigned());
        this.finished = new HashSet<>(restored.finished());
        restored.pending().forEach(split -> pending.put(split.shardId(), split));
        this.discovered = restored.discovered();
    }

    @Override
    public void start() {
        lister = listers.get();
        context.callAsync(lister::shards, this::onDiscovered, 0, discoveryIntervalMillis);
    }

    private void onDiscovered(List<ShardInfo> shards, Throwable error) {
        if (error != null) {
            LOG.warn("Listing the shards of {} failed; trying again in {} ms", streamName, discoveryIntervalMillis, error);
            return;
        }
        Map<String, ShardInfo> listed = new LinkedHashMap<>();
        shards.forEach(s -> listed.put(s.shardId(), s));
        known = listed;
        // Finished shards that expired need no remembering: an unlisted parent counts as done.
        finished.retainAll(listed.keySet());
        consider(listed.values());
        discovered = true;
        assignPending();
    }

    /** Makes splits of the shards that are new and whose parents are done. */
    private void consider(Collection<ShardInfo> shards) {
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
            StartingPosition position = discovered ? laterShardsStart() : firstShardsStart();
            pending.put(id, new ShardSplit(streamName, id, shard.parents(), position, null, 0, false));
        }
    }

    /**
     * Where the shards of the first discovery start. LATEST is pinned to the discovery's time, so that a
     * split restored before it emitted anything does not jump to a later LATEST and skip what came between.
     */
    private StartingPosition firstShardsStart() {
        return start.kind() == StartingPosition.Kind.LATEST ? StartingPosition.atTimestamp(Instant.now()) : start;
    }

    /** Shards found after the first discovery are new since the start: all of their records are read. */
    private StartingPosition laterShardsStart() {
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

    private void assignPending() {
        Set<Integer> readers = context.registeredReaders().keySet();
        if (pending.isEmpty() || readers.isEmpty()) {
            return;
        }
        Map<Integer, List<ShardSplit>> assignment = new HashMap<>();
        for (ShardSplit split : pending.values()) {
            int owner = Math.floorMod(split.shardId().hashCode(), context.currentParallelism());
            if (readers.contains(owner)) {
                assignment.computeIfAbsent(owner, r -> new ArrayList<>()).add(split);
            }
        }
        if (assignment.isEmpty()) {
            return;
        }
        context.assignSplits(new SplitsAssignment<>(assignment));
        for (List<ShardSplit> splits : assignment.values()) {
            for (ShardSplit split : splits) {
                pending.remove(split.shardId());
                assigned.add(split.shardId());
            }
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Splits are pushed as they become readable.
    }

    @Override
    public void addSplitsBack(List<ShardSplit> splits, int subtaskId) {
        for (ShardSplit split : splits) {
            assigned.remove(split.shardId());
            pending.put(split.shardId(), split);
        }
        assignPending();
    }

    @Override
    public void addReader(int subtaskId) {
        assignPending();
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        if (event instanceof ShardsFinished done) {
            for (String id : done.shardIds()) {
                assigned.remove(id);
                finished.add(id);
            }
            consider(known.values());
            assignPending();
        }
    }

    @Override
    public EnumeratorState snapshotState(long checkpointId) {
        return new EnumeratorState(assigned, finished, new ArrayList<>(pending.values()), discovered);
    }

    @Override
    public void close() {
        if (lister != null) {
            lister.close();
        }
    }
}
