package io.sluice.ingest.api;

import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import java.util.ArrayList;
import java.util.List;

/** EnableEnhancedMonitoring ({@code enable}) and DisableEnhancedMonitoring: shard-level metrics on or off. */
public record EnhancedMonitoringRequest(String streamName, List<ShardLevelMetric> metrics, boolean enable) implements ControlRequest {

    static EnhancedMonitoringRequest read(RequestReader r, RequestContext context, boolean enable) {
        Violations v = new Violations();
        String name = Checks.stream(r, v, context);
        List<String> named = r.stringList("ShardLevelMetrics");
        List<ShardLevelMetric> metrics = new ArrayList<>();
        if (named == null) {
            v.required("shardLevelMetrics");
        } else {
            if (named.isEmpty() || named.size() > 7) {
                v.add(named, "shardLevelMetrics", named.isEmpty()
                        ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 7");
            }
            for (String metric : named) {
                ShardLevelMetric m = Checks.enumValue(v, metric, "shardLevelMetrics.member", ShardLevelMetric.class);
                if (m != null) {
                    metrics.add(m);
                }
            }
        }
        v.throwIfAny();
        return new EnhancedMonitoringRequest(name, List.copyOf(metrics), enable);
    }
}
