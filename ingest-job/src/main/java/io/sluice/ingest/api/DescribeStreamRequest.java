package io.sluice.ingest.api;

import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;

/** DescribeStream, with shard paging: at most {@code limit} shards after {@code exclusiveStartShardId}. */
public record DescribeStreamRequest(String streamName, int limit, String exclusiveStartShardId) implements StreamRequest {

    /** Shards per answer when no Limit is given, and the most one answer holds (AWS: 100). */
    public static final int DEFAULT_LIMIT = 100;

    static DescribeStreamRequest read(RequestReader r, RequestContext context) {
        Violations v = new Violations();
        String name = Checks.stream(r, v, context);
        Integer limit = r.integer("Limit");
        Checks.range(v, limit, "limit", 1, 10_000);
        String start = r.string("ExclusiveStartShardId");
        Checks.length(v, start, "exclusiveStartShardId", 1, 128);
        Checks.pattern(v, start, "exclusiveStartShardId", Checks.NAME);
        v.throwIfAny();
        return new DescribeStreamRequest(name, limit == null ? DEFAULT_LIMIT : Math.min(limit, DEFAULT_LIMIT), start);
    }
}
