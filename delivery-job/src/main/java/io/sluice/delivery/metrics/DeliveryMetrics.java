package io.sluice.delivery.metrics;

import java.util.HashMap;
import java.util.Map;
import java.time.InstantSource;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;

/**
 * Firehose's CloudWatch metrics of the delivery streams one buffer subtask serves, under Firehose's
 * names, each stream in its own {@code delivery_stream} group (a Prometheus label). Counters are totals
 * since the job started; every subtask reports its share. {@code DeliveryToS3.DataFreshness} is the age in
 * seconds of the oldest record not yet delivered (0 when none waits); a stream with an HTTP endpoint destination
 * also reports it as {@code DeliveryToHttpEndpoint.DataFreshness}, registered when its first record waits.
 */
public final class DeliveryMetrics {

    private final MetricGroup operator;
    private final InstantSource clock;
    private final Map<String, StreamMetrics> streams = new HashMap<>();

    /** @param clock the clock that stamps arrivals (DataFreshness is measured on it) */
    public DeliveryMetrics(MetricGroup operator, InstantSource clock) {
        this.operator = operator;
        this.clock = clock;
    }

    public StreamMetrics of(String deliveryStream) {
        return streams.computeIfAbsent(deliveryStream, name -> new StreamMetrics(operator.addGroup("delivery_stream", name), clock));
    }

    /** Drops a deleted stream's metrics from the reporters. */
    public void remove(String deliveryStream) {
        StreamMetrics m = streams.remove(deliveryStream);
        if (m != null && m.group instanceof AbstractMetricGroup<?> group) {
            group.close();
        }
    }

    /** The counters of one delivery stream. */
    public static final class StreamMetrics {
        private final MetricGroup group;
        private final Counter incomingRecords;
        private final Counter incomingBytes;
        private final Counter incomingPutRequests;
        private final Counter putRecordRequests;
        private final Counter putRecordBytes;
        private final Counter putRecordBatchRequests;
        private final Counter putRecordBatchRecords;
        private final Counter putRecordBatchBytes;
        private final Counter deliveryFailures;
        private final Counter readFromKinesisRecords;
        private final Counter readFromKinesisBytes;
        /** Arrival of the oldest record not yet delivered, or {@code null}; read by the DataFreshness gauges. */
        private volatile Long oldestBuffered;
        private final InstantSource clock;
        private boolean httpFreshness;

        StreamMetrics(MetricGroup group, InstantSource clock) {
            this.group = group;
            this.clock = clock;
            incomingRecords = group.counter("IncomingRecords");
            incomingBytes = group.counter("IncomingBytes");
            incomingPutRequests = group.counter("IncomingPutRequests");
            putRecordRequests = group.counter("PutRecord.Requests");
            putRecordBytes = group.counter("PutRecord.Bytes");
            putRecordBatchRequests = group.counter("PutRecordBatch.Requests");
            putRecordBatchRecords = group.counter("PutRecordBatch.Records");
            putRecordBatchBytes = group.counter("PutRecordBatch.Bytes");
            deliveryFailures = group.counter("DeliveryToS3.Failures");
            readFromKinesisRecords = group.counter("DataReadFromKinesisStream.Records");
            readFromKinesisBytes = group.counter("DataReadFromKinesisStream.Bytes");
            group.gauge("DeliveryToS3.DataFreshness", (Gauge<Long>) this::freshnessSeconds);
        }

        /** The arrival of the oldest record waiting for delivery ({@code null}: none waits). */
        public void oldestBuffered(Long arrivalMillis) {
            oldestBuffered = arrivalMillis;
        }

        /** As {@link #oldestBuffered(Long)}; {@code httpEndpoint}: the stream delivers to an HTTP endpoint. */
        public void oldestBuffered(Long arrivalMillis, boolean httpEndpoint) {
            oldestBuffered = arrivalMillis;
            if (httpEndpoint && !httpFreshness) {
                httpFreshness = true;
                group.gauge("DeliveryToHttpEndpoint.DataFreshness", (Gauge<Long>) this::freshnessSeconds);
            }
        }

        /** Age in seconds of the oldest record not yet delivered, 0 when none waits. */
        private long freshnessSeconds() {
            Long oldest = oldestBuffered;
            return oldest == null ? 0L : Math.max(0L, (clock.millis() - oldest) / 1000);
        }

        public void incoming(boolean single, int records, long bytes) {
            incomingRecords.inc(records);
            incomingBytes.inc(bytes);
            incomingPutRequests.inc();
            if (single) {
                putRecordRequests.inc();
                putRecordBytes.inc(bytes);
            } else {
                putRecordBatchRequests.inc();
                putRecordBatchRecords.inc(records);
                putRecordBatchBytes.inc(bytes);
            }
        }

        /** Records a {@code KinesisStreamAsSource} stream read from its Kinesis stream. */
        public void readFromKinesisStream(int records, long bytes) {
            readFromKinesisRecords.inc(records);
            readFromKinesisBytes.inc(bytes);
        }

        public void deliveryFailed() {
            deliveryFailures.inc();
        }
    }
}
