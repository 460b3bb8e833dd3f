package io.sluice.delivery.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/**
 * Firehose's {@code DeliveryToHttpEndpoint.*} metrics, in each delivery stream's {@code delivery_stream} group (as
 * {@code DeliveryMetrics}): {@code Records} and {@code Bytes} the endpoint took, {@code Success} its successful requests,
 * {@code Failures} the requests that failed (each attempt). Counted when the endpoint answers, not at the checkpoint:
 * what an endpoint took is delivered. One instance serves all flush threads of a subtask: its counters are thread-safe.
 * {@code DeliveryToHttpEndpoint.DataFreshness} is a gauge of the buffer's, registered by {@code DeliveryMetrics}.
 */
public final class HttpEndpointMetrics {

    private final MetricGroup operator;
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();

    public HttpEndpointMetrics(MetricGroup operator) {
        this.operator = operator;
    }

    Stream of(String deliveryStream) {
        return streams.computeIfAbsent(deliveryStream, name -> new Stream(operator.addGroup("delivery_stream", name)));
    }

    /** The counters of one delivery stream. */
    static final class Stream {
        private final Counter records;
        private final Counter bytes;
        private final Counter success;
        private final Counter failures;

        Stream(MetricGroup group) {
            records = group.counter("DeliveryToHttpEndpoint.Records", new ThreadSafeSimpleCounter());
            bytes = group.counter("DeliveryToHttpEndpoint.Bytes", new ThreadSafeSimpleCounter());
            success = group.counter("DeliveryToHttpEndpoint.Success", new ThreadSafeSimpleCounter());
            failures = group.counter("DeliveryToHttpEndpoint.Failures", new ThreadSafeSimpleCounter());
        }

        void delivered(int recordCount, long byteCount) {
            records.inc(recordCount);
            bytes.inc(byteCount);
            success.inc();
        }

        void failed() {
            failures.inc();
        }
    }
}
