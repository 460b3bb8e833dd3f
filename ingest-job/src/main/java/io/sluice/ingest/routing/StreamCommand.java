package io.sluice.ingest.routing;

import io.sluice.common.http.CallRef;
import io.sluice.ingest.api.StreamRequest;

/** A validated request on its way to the catalog, keyed by stream name. */
public record StreamCommand(CallRef ref, long receivedAtMillis, StreamRequest request) {

    public String streamName() {
        return request.streamName();
    }
}
