package io.sluice.ingest.api;

import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;

/** MergeShards: close two adjacent open shards and give their ranges to one child. */
public record MergeShardsRequest(String streamName, String shardToMerge, String adjacentShardToMerge) implements ControlRequest {

    static MergeShardsRequest read(RequestReader r, RequestContext context) {
        Violations v = new Violations();
        String name = Checks.stream(r, v, context);
        String shard = Checks.shardId(r, v, "ShardToMerge", "shardToMerge");
        String adjacent = Checks.shardId(r, v, "AdjacentShardToMerge", "adjacentShardToMerge");
        v.throwIfAny();
        return new MergeShardsRequest(name, shard, adjacent);
    }
}
