package io.sluice.ingest.api;

import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;

/** DescribeStreamSummary. */
public record DescribeStreamSummaryRequest(String streamName) implements StreamRequest {

    static DescribeStreamSummaryRequest read(RequestReader r, RequestContext context) {
        Violations v = new Violations();
        String name = Checks.stream(r, v, context);
        v.throwIfAny();
        return new DescribeStreamSummaryRequest(name);
    }
}
