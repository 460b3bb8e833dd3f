package io.sluice.delivery.api;

import io.sluice.common.wire.MemberChecks;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;

/**
 * ListDeliveryStreams: up to {@code limit} names (1–10000, default 10) in name order after
 * {@code exclusiveStartName}, of one {@code type} (or all when {@code null}).
 */
public record ListDeliveryStreamsRequest(int limit, DeliveryStreamType type, String exclusiveStartName) implements ControlRequest {

    @Override
    public <T> T accept(Handler<T> handler) throws Exception {
        return handler.list(this);
    }

    static ListDeliveryStreamsRequest read(RequestReader r) {
        Violations v = new Violations();
        Integer limit = r.integer("Limit");
        MemberChecks.range(v, limit, "limit", 1, 10_000);
        DeliveryStreamType type = MemberChecks.enumValue(v, r.string("DeliveryStreamType"), "deliveryStreamType", DeliveryStreamType.class);
        String start = r.string("ExclusiveStartDeliveryStreamName");
        FirehoseChecks.name(v, start, "exclusiveStartDeliveryStreamName");
        v.throwIfAny();
        return new ListDeliveryStreamsRequest(limit == null ? 10 : limit, type, start);
    }
}
