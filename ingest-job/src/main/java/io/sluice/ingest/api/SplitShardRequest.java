package io.sluice.ingest.api;

import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import java.math.BigInteger;

/** SplitShard: close one open shard and give its range to two children, split at NewStartingHashKey. */
public record SplitShardRequest(String streamName, String shardToSplit, BigInteger newStartingHashKey) implements ControlRequest {

    static SplitShardRequest read(RequestReader r, RequestContext context) {
        Violations v = new Violations();
        String name = Checks.stream(r, v, context);
        String shard = Checks.shardId(r, v, "ShardToSplit", "shardToSplit");
        String hashKey = r.string("NewStartingHashKey");
        if (hashKey == null) {
            v.required("newStartingHashKey");
        }
        Checks.pattern(v, hashKey, "newStartingHashKey", Checks.HASH_KEY);
        v.throwIfAny();
        return new SplitShardRequest(name, shard, new BigInteger(hashKey));
    }
}
