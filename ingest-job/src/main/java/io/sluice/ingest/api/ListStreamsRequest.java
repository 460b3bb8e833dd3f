package io.sluice.ingest.api;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;

/**
 * ListStreams: up to {@code limit} names after {@code exclusiveStartStreamName} (from the request or
 * from its NextToken). Not about one stream: the account's registry answers it.
 */
public record ListStreamsRequest(int limit, String exclusiveStartStreamName) {

    /** Streams per answer when no Limit is given, and the most one answer holds (AWS: 100). */
    public static final int DEFAULT_LIMIT = 100;

    static ListStreamsRequest read(RequestReader r, RequestContext context) {
        Violations v = new Violations();
        Integer limit = r.integer("Limit");
        Checks.range(v, limit, "limit", 1, 10_000);
        String start = r.string("ExclusiveStartStreamName");
        Checks.name(v, start, "exclusiveStartStreamName");
        String nextToken = r.string("NextToken");
        Checks.length(v, nextToken, "nextToken", 1, 1_048_576);
        v.throwIfAny();
        if (nextToken != null) {
            if (start != null) {
                throw new InvalidArgumentException("NextToken and ExclusiveStartStreamName cannot be used together.");
            }
            start = context.tokens().openListStreams(nextToken, context.now());
        }
        return new ListStreamsRequest(limit == null ? DEFAULT_LIMIT : Math.min(limit, DEFAULT_LIMIT), start);
    }
}
