package io.sluice.common.connector.source;

import java.util.List;
import java.util.Set;

/** What the enumerator checkpoints: the shards of each subscription it reads ({@link Subscription}). */
public record EnumeratorState(List<Subscription> subscriptions) {

    public EnumeratorState {
        subscriptions = List.copyOf(subscriptions);
    }

    /** The state of a fresh source: nothing read yet. */
    public static EnumeratorState empty() {
        return new EnumeratorState(List.of());
    }

    /**
     * One subscription's shards: those handed to readers (their positions are in the readers' state), those read to
     * their end, splits not yet handed out, and whether the first discovery (the only one that applies the
     * subscription's starting position to open shards) has happened. {@code subscription} has a null stream and start
     * when restored from a version-1 checkpoint (the catalog fills them in).
     */
    public record Subscription(StreamSubscription subscription, Set<String> assigned, Set<String> finished, List<ShardSplit> pending,
            boolean discovered) {

        public Subscription {
            assigned = Set.copyOf(assigned);
            finished = Set.copyOf(finished);
            pending = List.copyOf(pending);
        }
    }
}
