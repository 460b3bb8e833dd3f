package io.sluice.ingest.shard;

/**
 * The small per-shard state beside the records: the next offset to assign, the lowest offset that may
 * still be retained (records below it are gone), and the last arrival time (arrival times never go
 * backwards within a shard, so offsets are also in time order).
 */
public record ShardHead(long nextOffset, long trimOffset, long lastArrivalMillis) {

    public static final ShardHead EMPTY = new ShardHead(0, 0, 0);
}
