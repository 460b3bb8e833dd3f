package io.sluice.ingest.replay;

import io.sluice.common.model.ShardId;
import io.sluice.ingest.catalog.ShardMetadata;
import io.sluice.ingest.catalog.StreamMetadata;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The shards a replay reads, in the order it reads them: parents before children as the stream's lineage says
 * (a split's or merge's children after every parent they have), otherwise by shard index. The order is
 * Kahn's topological sort with the lowest ready index first, so a stream that was never resharded is read
 * shardId-000000000000, -001, ... . Only shards the catalog still lists are there: a shard whose records all
 * expired has left the map, and so has its log.
 */
public record ReplayPlan(String stream, List<ShardPlan> shards, boolean deaggregate) implements Serializable {

    public ReplayPlan {
        shards = List.copyOf(shards);
    }

    /** The plan for {@code query} (validated) over the stream's metadata as the savepoint holds it. */
    public static ReplayPlan of(StreamMetadata stream, ReplayQuery query) throws ReplayException {
        Set<Integer> selected = new HashSet<>();
        for (String id : query.shardIds()) {
            int index = ShardId.parse(id);
            if (stream.shard(index) == null) {
                throw new ReplayException("Stream " + stream.name() + " has no shard " + id + " in this savepoint; its shards are "
                        + stream.shards().stream().map(ShardMetadata::shardId).collect(Collectors.joining(", ")));
            }
            selected.add(index);
        }
        for (ReplayBound bound : new ReplayBound[] {query.start(), query.end()}) {
            if (bound != null && !bound.isTime() && bound.parsedSequence().streamTag() != stream.streamTag()) {
                throw new ReplayException("Sequence number " + bound.sequenceNumber() + " is not from stream " + stream.name()
                        + " (this incarnation's numbers carry the tag " + stream.streamTag() + ")");
            }
        }
        List<ShardPlan> shards = new ArrayList<>();
        Map<Integer, Integer> lineages = lineages(stream.shards());
        for (ShardMetadata shard : lineageOrder(stream.shards())) {
            if (selected.isEmpty() || selected.contains(shard.index())) {
                shards.add(new ShardPlan(stream.name(), stream.shardKey(shard.index()), shard.shardId(), shard.index(), stream.streamTag(),
                        query.start(), query.end(), lineages.get(shard.index())));
            }
        }
        return new ReplayPlan(stream.name(), shards, query.deaggregate());
    }

    /** The plan's shards grouped by lineage, each group in plan order; groups ordered by their first shard. */
    public List<List<Integer>> lineageGroups() {
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < shards.size(); i++) {
            groups.computeIfAbsent(shards.get(i).lineage(), k -> new ArrayList<>()).add(i);
        }
        return List.copyOf(groups.values());
    }

    /** Each shard's lineage: the lowest index among the shards joined to it by parent links (listed shards only). */
    static Map<Integer, Integer> lineages(List<ShardMetadata> shards) {
        Map<Integer, Integer> root = new HashMap<>();
        for (ShardMetadata s : shards) {
            root.put(s.index(), s.index());
        }
        for (ShardMetadata s : shards) {
            for (Integer parent : new Integer[] {s.parentIndex(), s.adjacentParentIndex()}) {
                if (parent != null && root.containsKey(parent)) {
                    int a = find(root, s.index());
                    int b = find(root, parent);
                    root.put(Math.max(a, b), Math.min(a, b));
                }
            }
        }
        Map<Integer, Integer> lineage = new HashMap<>();
        for (ShardMetadata s : shards) {
            lineage.put(s.index(), find(root, s.index()));
        }
        return lineage;
    }

    private static int find(Map<Integer, Integer> root, int index) {
        int r = index;
        while (root.get(r) != r) {
            r = root.get(r);
        }
        return r;
    }

    /** Parents before children, otherwise ascending index (parents no longer listed impose nothing). */
    static List<ShardMetadata> lineageOrder(List<ShardMetadata> shards) {
        Set<Integer> listed = shards.stream().map(ShardMetadata::index).collect(Collectors.toSet());
        Set<Integer> done = new HashSet<>();
        List<ShardMetadata> order = new ArrayList<>(shards.size());
        List<ShardMetadata> waiting = new ArrayList<>(shards);
        PriorityQueue<ShardMetadata> ready = new PriorityQueue<>(Comparator.comparingInt(ShardMetadata::index));
        while (order.size() < shards.size()) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                ShardMetadata s = it.next();
                if (parentDone(s.parentIndex(), listed, done) && parentDone(s.adjacentParentIndex(), listed, done)) {
                    ready.add(s);
                    it.remove();
                }
            }
            ShardMetadata next = ready.poll();
            if (next == null) {
                throw new IllegalStateException("The lineage of the shards has a cycle: " + waiting);
            }
            order.add(next);
            done.add(next.index());
        }
        return order;
    }

    private static boolean parentDone(Integer parent, Set<Integer> listed, Set<Integer> done) {
        return parent == null || !listed.contains(parent) || done.contains(parent);
    }
}
