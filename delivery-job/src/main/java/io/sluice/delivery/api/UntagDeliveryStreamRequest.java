package io.sluice.delivery.api;

import io.sluice.common.wire.MemberChecks;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import java.util.List;

/** UntagDeliveryStream: removes 1–50 tag keys (keys it does not carry are ignored, as in AWS). */
public record UntagDeliveryStreamRequest(String name, List<String> tagKeys) implements ControlRequest {

    @Override
    public <T> T accept(Handler<T> handler) throws Exception {
        return handler.untag(this);
    }

    static UntagDeliveryStreamRequest read(RequestReader r) {
        Violations v = new Violations();
        String name = FirehoseChecks.deliveryStreamName(r, v);
        List<String> keys = r.stringList("TagKeys");
        if (keys == null) {
            v.required("tagKeys");
        } else {
            if (keys.isEmpty() || keys.size() > Tag.MAX_TAGS) {
                v.add(keys, "tagKeys", "Member must have length "
                        + (keys.isEmpty() ? "greater than or equal to 1" : "less than or equal to " + Tag.MAX_TAGS));
            }
            for (String key : keys) {
                MemberChecks.length(v, key, "tagKeys.member", 1, 128);
            }
        }
        v.throwIfAny();
        return new UntagDeliveryStreamRequest(name, keys);
    }
}
