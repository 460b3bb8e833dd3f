package io.sluice.common.connector.source;

import java.util.List;
import java.util.Set;

/**
 * What the enumerator checkpoints: shards handed to readers (their positions are in the readers'
 * state), shards read to their end, splits not yet handed out, and whether the first discovery (the
 * only one that applies the source's starting position to open shards) has happened.
 */
public record EnumeratorState(Set<String> assigned, Set<String> finished, List<ShardSplit> pending, boolean discovered) {

    public EnumeratorState {
        assigned = Set.copyOf(assigned);
        finished = Set.copyOf(finished);
        pending = List.copyOf(pending);
    }
}
