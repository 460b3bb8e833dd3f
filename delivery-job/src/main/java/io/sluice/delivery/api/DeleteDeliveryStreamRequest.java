package io.sluice.delivery.api;

import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;

/** DeleteDeliveryStream ({@code AllowForceDelete} is accepted; Sluice has no KMS grants to force past). */
public record DeleteDeliveryStreamRequest(String name, boolean allowForceDelete) implements ControlRequest {

    @Override
    public <T> T accept(Handler<T> handler) throws Exception {
        return handler.delete(this);
    }

    static DeleteDeliveryStreamRequest read(RequestReader r) {
        Violations v = new Violations();
        String name = FirehoseChecks.deliveryStreamName(r, v);
        Boolean force = r.bool("AllowForceDelete");
        v.throwIfAny();
        return new DeleteDeliveryStreamRequest(name, Boolean.TRUE.equals(force));
    }
}
