package io.sluice.ingest.shard;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * The shards of one shard-log subtask that changed (appends, trims, drops, a new writer's epoch) since the last
 * completed checkpoint. A shard none of them touched holds only what a completed checkpoint holds, so in durable mode
 * a read of it need not wait for the next checkpoint: a consumer catching up on retained records gets its answers at
 * once instead of one per checkpoint. Not state: after a restore, every shard is what a completed checkpoint held.
 */
final class SettledShards {

    /** Shards changed since the last snapshot. */
    private Set<String> changed = new HashSet<>();
    /** Shards changed before each snapshot whose checkpoint has not completed yet, by checkpoint id. */
    private final TreeMap<Long, Set<String>> inCheckpoint = new TreeMap<>();

    /** The shard's state changed: its reads wait for a checkpoint until one holding the change completes. */
    void changed(String shardKey) {
        changed.add(shardKey);
    }

    /** Whether every change to the shard is held by a completed checkpoint. */
    boolean settled(String shardKey) {
        if (changed.contains(shardKey)) {
            return false;
        }
        for (Set<String> shards : inCheckpoint.values()) {
            if (shards.contains(shardKey)) {
                return false;
            }
        }
        return true;
    }

    /** A checkpoint's snapshot is taken: the changes so far belong to it. */
    void snapshotTaken(long checkpointId) {
        if (!changed.isEmpty()) {
            inCheckpoint.put(checkpointId, changed);
            changed = new HashSet<>();
        }
    }

    /** A checkpoint completed: it holds its changes and those of every earlier snapshot (aborted ones included). */
    void checkpointCompleted(long checkpointId) {
        inCheckpoint.headMap(checkpointId, true).clear();
    }
}
