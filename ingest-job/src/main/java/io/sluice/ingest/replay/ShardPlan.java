package io.sluice.ingest.replay;

import java.io.Serializable;

/**
 * One shard to replay: its key in the shard log's state ({@code stream/generation/index}), its id and the stream tag
 * its sequence numbers carry, and the query's range (either end null: open).
 */
public record ShardPlan(String stream, String shardKey, String shardId, int shardIndex, long streamTag, ReplayBound start, ReplayBound end)
        implements Serializable {}
