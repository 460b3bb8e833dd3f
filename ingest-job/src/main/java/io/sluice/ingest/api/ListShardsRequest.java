package io.sluice.ingest.api;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;

/** ListShards: a page of at most {@code maxResults} shards after {@code exclusiveStartShardId}, filtered. */
public record ListShardsRequest(
        String streamName, int maxResults, String exclusiveStartShardId, ShardFilter filter, Long streamCreationTimestampMillis)
        implements StreamRequest {

    /** Shards per page when MaxResults is not given, and the most one page holds (AWS: 1 000). */
    public static final int DEFAULT_MAX_RESULTS = 1000;

    static ListShardsRequest read(RequestReader r, RequestContext context) {
        Violations v = new Violations();
        String nextToken = r.string("NextToken");
        Checks.length(v, nextToken, "nextToken", 1, 1_048_576);
        Integer maxResults = r.integer("MaxResults");
        Checks.range(v, maxResults, "maxResults", 1, 10_000);
        String start = r.string("ExclusiveStartShardId");
        Checks.length(v, start, "exclusiveStartShardId", 1, 128);
        Checks.pattern(v, start, "exclusiveStartShardId", Checks.NAME);
        Long created = r.timestampMillis("StreamCreationTimestamp");
        ShardFilter filter = null;
        RequestReader f = r.struct("ShardFilter");
        if (f != null) {
            String typeName = f.string("Type");
            if (typeName == null) {
                v.required("shardFilter.type");
            }
            ShardFilter.Type type = Checks.enumValue(v, typeName, "shardFilter.type", ShardFilter.Type.class);
            String shardId = f.string("ShardId");
            Checks.length(v, shardId, "shardFilter.shardId", 1, 128);
            Checks.pattern(v, shardId, "shardFilter.shardId", Checks.NAME);
            filter = new ShardFilter(type, shardId, f.timestampMillis("Timestamp"));
        }
        int limit = maxResults == null ? DEFAULT_MAX_RESULTS : Math.min(maxResults, DEFAULT_MAX_RESULTS);
        if (nextToken != null) {
            v.throwIfAny();
            if (r.has("StreamName") || r.has("StreamARN") || start != null || created != null || filter != null) {
                throw new InvalidArgumentException(
                        "NextToken cannot be combined with StreamName, StreamARN, ExclusiveStartShardId, ShardFilter or"
                                + " StreamCreationTimestamp.");
            }
            Tokens.ListShardsPage page = context.tokens().openListShards(nextToken, context.now());
            return new ListShardsRequest(page.streamName(), limit, page.lastShardId(), page.filter(), null);
        }
        String name = Checks.stream(r, v, context);
        v.throwIfAny();
        if (filter != null) {
            filter.validate();
        }
        if (start != null && filter != null) {
            throw new InvalidArgumentException("ExclusiveStartShardId and ShardFilter cannot be used together.");
        }
        return new ListShardsRequest(name, limit, start, filter, created);
    }
}
