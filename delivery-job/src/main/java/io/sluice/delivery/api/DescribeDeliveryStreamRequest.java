package io.sluice.delivery.api;

import io.sluice.common.wire.MemberChecks;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;

/** DescribeDeliveryStream ({@code Limit} 1–10000 destinations, {@code ExclusiveStartDestinationId}). */
public record DescribeDeliveryStreamRequest(String name, int limit, String exclusiveStartDestinationId) implements ControlRequest {

    @Override
    public <T> T accept(Handler<T> handler) throws Exception {
        return handler.describe(this);
    }

    static DescribeDeliveryStreamRequest read(RequestReader r) {
        Violations v = new Violations();
        String name = FirehoseChecks.deliveryStreamName(r, v);
        Integer limit = r.integer("Limit");
        MemberChecks.range(v, limit, "limit", 1, 10_000);
        String start = r.string("ExclusiveStartDestinationId");
        MemberChecks.length(v, start, "exclusiveStartDestinationId", 1, 100);
        v.throwIfAny();
        return new DescribeDeliveryStreamRequest(name, limit == null ? 10_000 : limit, start);
    }
}
