package io.sluice.ingest.api;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import io.sluice.ingest.IngestSettings;

/** IncreaseStreamRetentionPeriod ({@code increase}) and DecreaseStreamRetentionPeriod: 24–8760 hours. */
public record RetentionRequest(String streamName, int hours, boolean increase) implements ControlRequest {

    static RetentionRequest read(RequestReader r, RequestContext context, boolean increase) {
        Violations v = new Violations();
        String name = Checks.stream(r, v, context);
        Integer hours = r.integer("RetentionPeriodHours");
        if (hours == null) {
            v.required("retentionPeriodHours");
        }
        v.throwIfAny();
        if (hours < IngestSettings.MIN_RETENTION_HOURS) {
            throw new InvalidArgumentException("Minimum allowed retention period is " + IngestSettings.MIN_RETENTION_HOURS
                    + " hours. Requested retention period (" + hours + " hours) is too short.");
        }
        if (hours > IngestSettings.MAX_RETENTION_HOURS) {
            throw new InvalidArgumentException("Maximum allowed retention period is " + IngestSettings.MAX_RETENTION_HOURS
                    + " hours. Requested retention period (" + hours + " hours) is too long.");
        }
        return new RetentionRequest(name, hours, increase);
    }
}
