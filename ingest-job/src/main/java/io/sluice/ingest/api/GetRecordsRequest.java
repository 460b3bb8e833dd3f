package io.sluice.ingest.api;

import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;

/** GetRecords: where the (already opened) iterator points, and at most {@code limit} records. */
public record GetRecordsRequest(String streamName, ShardPosition position, int limit) implements StreamRequest {

    /** Most records one GetRecords returns. */
    public static final int MAX_LIMIT = 10_000;

    static GetRecordsRequest read(RequestReader r, RequestContext context) {
        Violations v = new Violations();
        String iterator = r.string("ShardIterator");
        if (iterator == null) {
            v.required("shardIterator");
        }
        Checks.length(v, iterator, "shardIterator", 1, 512);
        Integer limit = r.integer("Limit");
        Checks.range(v, limit, "limit", 1, MAX_LIMIT);
        v.throwIfAny();
        ShardPosition position = context.tokens().openIterator(iterator, context.now());
        return new GetRecordsRequest(position.streamName(), position, limit == null ? MAX_LIMIT : limit);
    }
}
