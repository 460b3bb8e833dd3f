package io.sluice.delivery.api;

import io.sluice.common.wire.MemberChecks;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;

/** ListTagsForDeliveryStream: up to {@code limit} tags (1–50, default 50) in key order after {@code exclusiveStartTagKey}. */
public record ListTagsForDeliveryStreamRequest(String name, int limit, String exclusiveStartTagKey) implements ControlRequest {

    @Override
    public <T> T accept(Handler<T> handler) throws Exception {
        return handler.listTags(this);
    }

    static ListTagsForDeliveryStreamRequest read(RequestReader r) {
        Violations v = new Violations();
        String name = FirehoseChecks.deliveryStreamName(r, v);
        Integer limit = r.integer("Limit");
        MemberChecks.range(v, limit, "limit", 1, Tag.MAX_TAGS);
        String start = r.string("ExclusiveStartTagKey");
        MemberChecks.length(v, start, "exclusiveStartTagKey", 1, 128);
        v.throwIfAny();
        return new ListTagsForDeliveryStreamRequest(name, limit == null ? Tag.MAX_TAGS : limit, start);
    }
}
