package io.sluice.delivery.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

/** The DataFreshness gauges: S3's for every stream, the HTTP endpoint's once an HTTP endpoint stream has a record waiting. */
class DeliveryMetricsTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    /** Keeps what is registered, by name (every group is this one). */
    private static final class Registered extends UnregisteredMetricsGroup {
        final Map<String, Metric> metrics = new HashMap<>();

        @Override
        public MetricGroup addGroup(String key, String value) {
            return this;
        }

        @Override
        public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
            metrics.put(name, gauge);
            return gauge;
        }
    }

    @Test
    void anHttpEndpointStreamReportsTheAgeOfItsOldestWaitingRecordUnderItsOwnName() {
        Registered group = new Registered();
        DeliveryMetrics.StreamMetrics m = new DeliveryMetrics(group, InstantSource.fixed(NOW)).of("to-http");
        assertThat(group.metrics).containsOnlyKeys("DeliveryToS3.DataFreshness");

        m.oldestBuffered(NOW.minusSeconds(42).toEpochMilli(), true);
        assertThat(group.metrics).containsKey("DeliveryToHttpEndpoint.DataFreshness");
        assertThat(gauge(group, "DeliveryToHttpEndpoint.DataFreshness")).isEqualTo(42L);
        m.oldestBuffered(null, true);
        assertThat(gauge(group, "DeliveryToHttpEndpoint.DataFreshness")).as("nothing waits").isEqualTo(0L);
    }

    @Test
    void anS3StreamHasNoHttpEndpointGauge() {
        Registered group = new Registered();
        DeliveryMetrics.StreamMetrics m = new DeliveryMetrics(group, InstantSource.fixed(NOW)).of("to-s3");
        m.oldestBuffered(NOW.minusSeconds(7).toEpochMilli(), false);
        assertThat(group.metrics).containsOnlyKeys("DeliveryToS3.DataFreshness");
        assertThat(gauge(group, "DeliveryToS3.DataFreshness")).isEqualTo(7L);
    }

    private static Object gauge(Registered group, String name) {
        return ((Gauge<?>) group.metrics.get(name)).getValue();
    }
}
