package io.sluice.ingest.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.sluice.common.error.InvalidArgumentException;

/** ListShards' ShardFilter: which shards to list (by type, with a shard id or a timestamp). */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
public record ShardFilter(Type type, String shardId, Long timestampMillis) {

    /** AWS's rules: AFTER_SHARD_ID needs a shard id, the timestamp types need a timestamp. */
    void validate() {
        if (type == Type.AFTER_SHARD_ID && shardId == null) {
            throw new InvalidArgumentException("ShardFilter of type AFTER_SHARD_ID requires ShardId.");
        }
        if ((type == Type.AT_TIMESTAMP || type == Type.FROM_TIMESTAMP) && timestampMillis == null) {
            throw new InvalidArgumentException("ShardFilter of type " + type + " requires Timestamp.");
        }
    }

    /** AWS's ShardFilterType values. */
    public enum Type {
        AFTER_SHARD_ID,
        AT_TRIM_HORIZON,
        FROM_TRIM_HORIZON,
        AT_LATEST,
        AT_TIMESTAMP,
        FROM_TIMESTAMP
    }
}
