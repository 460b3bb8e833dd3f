package io.sluice.ingest.replay;

import java.io.Serializable;

/**
 * One shard to replay: its key in the shard log's state ({@code stream/generation/index}), its id and the stream tag
 * its sequence numbers carry, the query's range (either end null: open), and its lineage: the lowest shard index of the
 * shards it is related to through splits and merges (shards of different lineages are independent; replay reads them in
 * parallel, each lineage in order).
 */
public record ShardPlan(String stream, String shardKey, String shardId, int shardIndex, long streamTag, ReplayBound start, ReplayBound end,
        int lineage)
        implements Serializable {}
