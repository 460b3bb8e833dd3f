package io.sluice.ingest.api;

import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;

/**
 * ListTagsForStream (a page of at most {@code limit} tags after {@code exclusiveStartTagKey}, in key
 * order, with {@code HasMoreTags}) and ListTagsForResource ({@code byResource}: every tag, no paging).
 */
public record ListTagsRequest(String streamName, String exclusiveStartTagKey, int limit, boolean byResource)
        implements StreamRequest {

    static ListTagsRequest readListTagsForStream(RequestReader r, RequestContext context) {
        Violations v = new Violations();
        String name = Checks.stream(r, v, context);
        String start = r.string("ExclusiveStartTagKey");
        Checks.length(v, start, "exclusiveStartTagKey", 1, 128);
        Integer limit = r.integer("Limit");
        Checks.range(v, limit, "limit", 1, TagChecks.MAX_TAGS);
        v.throwIfAny();
        return new ListTagsRequest(name, start, limit == null ? TagChecks.MAX_TAGS : limit, false);
    }

    static ListTagsRequest readListTagsForResource(RequestReader r, RequestContext context) {
        Violations v = new Violations();
        String name = TagChecks.resourceStream(r, v, context);
        v.throwIfAny();
        return new ListTagsRequest(name, null, TagChecks.MAX_TAGS, true);
    }
}
