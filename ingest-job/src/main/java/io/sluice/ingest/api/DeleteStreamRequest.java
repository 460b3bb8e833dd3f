package io.sluice.ingest.api;

import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;

/** DeleteStream. */
public record DeleteStreamRequest(String streamName, boolean enforceConsumerDeletion) implements ControlRequest {

    static DeleteStreamRequest read(RequestReader r, RequestContext context) {
        Violations v = new Violations();
        String name = Checks.stream(r, v, context);
        Boolean enforce = r.bool("EnforceConsumerDeletion");
        v.throwIfAny();
        return new DeleteStreamRequest(name, Boolean.TRUE.equals(enforce));
    }
}
