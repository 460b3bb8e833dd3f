package io.sluice.ingest.api;

import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;

/** UpdateShardCount: re-cut the open shards into {@code targetShardCount} equal ranges (UNIFORM_SCALING). */
public record UpdateShardCountRequest(String streamName, int targetShardCount) implements ControlRequest {

    /** The only scaling type Kinesis has. */
    public enum ScalingType {
        UNIFORM_SCALING
    }

    static UpdateShardCountRequest read(RequestReader r, RequestContext context) {
        Violations v = new Violations();
        String name = Checks.stream(r, v, context);
        Integer target = r.integer("TargetShardCount");
        if (target == null) {
            v.required("targetShardCount");
        }
        Checks.range(v, target, "targetShardCount", 1, 100_000);
        String scalingType = r.string("ScalingType");
        if (scalingType == null) {
            v.required("scalingType");
        }
        Checks.enumValue(v, scalingType, "scalingType", ScalingType.class);
        v.throwIfAny();
        return new UpdateShardCountRequest(name, target);
    }
}
