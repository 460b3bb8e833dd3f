package io.sluice.delivery.api;

import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import java.util.List;

/** TagDeliveryStream: adds or replaces 1–50 tags (a delivery stream keeps at most 50). */
public record TagDeliveryStreamRequest(String name, List<Tag> tags) implements ControlRequest {

    @Override
    public <T> T accept(Handler<T> handler) throws Exception {
        return handler.tag(this);
    }

    static TagDeliveryStreamRequest read(RequestReader r) {
        Violations v = new Violations();
        String name = FirehoseChecks.deliveryStreamName(r, v);
        List<Tag> tags = Tag.readList(r, "Tags", "tags", true, v);
        v.throwIfAny();
        return new TagDeliveryStreamRequest(name, tags);
    }
}
