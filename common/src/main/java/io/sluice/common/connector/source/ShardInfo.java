package io.sluice.common.connector.source;

import java.util.ArrayList;
import java.util.List;

/** A shard as discovery sees it: its id, its parents (none, one, or two after a merge) and whether it is closed. */
public record ShardInfo(String shardId, String parentShardId, String adjacentParentShardId, boolean closed) {

    public List<String> parents() {
        List<String> parents = new ArrayList<>(2);
        if (parentShardId != null) {
            parents.add(parentShardId);
        }
        if (adjacentParentShardId != null) {
            parents.add(adjacentParentShardId);
        }
        return parents;
    }
}
