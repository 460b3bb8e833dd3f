package io.sluice.ingest.api;

import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;

/** UpdateStreamMode: switch a stream (named by its ARN, as AWS requires) to PROVISIONED or ON_DEMAND. */
public record UpdateStreamModeRequest(String streamName, StreamMode mode) implements ControlRequest {

    static UpdateStreamModeRequest read(RequestReader r, RequestContext context) {
        Violations v = new Violations();
        if (r.string("StreamARN") == null) {
            v.required("streamARN");
        }
        String name = Checks.stream(r, v, context);
        RequestReader details = r.struct("StreamModeDetails");
        StreamMode mode = null;
        if (details == null) {
            v.required("streamModeDetails");
        } else {
            String modeName = details.string("StreamMode");
            if (modeName == null) {
                v.required("streamModeDetails.streamMode");
            }
            mode = Checks.enumValue(v, modeName, "streamModeDetails.streamMode", StreamMode.class);
        }
        v.throwIfAny();
        return new UpdateStreamModeRequest(name, mode);
    }
}
