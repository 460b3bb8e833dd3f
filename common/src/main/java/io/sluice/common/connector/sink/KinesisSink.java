package io.sluice.common.connector.sink;

import io.sluice.common.connector.KinesisClientConfig;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Flink sink into one Kinesis-protocol stream (Sluice or AWS Kinesis), built on {@link BatchPutSink}:
 * records are batched into PutRecords by count (≤ 500), bytes (≤ 5 MiB) and time, failed records are
 * retried with backoff, a full buffer back-pressures the job, and a checkpoint waits for what is in
 * flight and keeps what is buffered (at-least-once; no order per partition key). Build one with
 * {@link #builder()}.
 */
public final class KinesisSink<T> extends BatchPutSink<T, SinkRecord> {

    private static final long serialVersionUID = 1L;

    /** PutRecords' limits. */
    public static final int MAX_BATCH_RECORDS = 500;
    public static final long MAX_BATCH_BYTES = 5L << 20;
    public static final long MAX_RECORD_BYTES = (1L << 20) + 256;

    private KinesisSink(Builder<T> b) {
        super(new SinkRecordConverter<>(Objects.requireNonNull(b.schema, "serializationSchema"), b.partitionKeys, b.hashKeys),
                b.tuning.check(MAX_BATCH_RECORDS), MAX_BATCH_BYTES, MAX_RECORD_BYTES,
                KinesisPutRecords.factory(Objects.requireNonNull(b.clientConfig, "client"), Objects.requireNonNull(b.streamName, "stream")),
                SinkRecord::sizeInBytes, "kinesis-sink-retries");
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<SinkRecord>> getWriterStateSerializer() {
        return new SinkRecordStateSerializer();
    }

    /** Builds a {@link KinesisSink}: stream, client and serialization schema are required. */
    public static final class Builder<T> {
        private String streamName;
        private KinesisClientConfig clientConfig;
        private SerializationSchema<T> schema;
        private PartitionKeyGenerator<T> partitionKeys = PartitionKeyGenerator.random();
        private ExplicitHashKeyGenerator<T> hashKeys;
        private SinkTuning tuning = SinkTuning.defaults(MAX_BATCH_RECORDS);

        public Builder<T> stream(String name) {
            this.streamName = name;
            return this;
        }

        public Builder<T> client(KinesisClientConfig config) {
            this.clientConfig = config;
            return this;
        }

        public Builder<T> serializationSchema(SerializationSchema<T> serializationSchema) {
            this.schema = serializationSchema;
            return this;
        }

        /** The partition key of each element (default: random, which spreads records and orders none). */
        public Builder<T> partitionKey(PartitionKeyGenerator<T> generator) {
            this.partitionKeys = generator;
            return this;
        }

        /** An ExplicitHashKey per element, overriding the partition key's hash (default: none). */
        public Builder<T> explicitHashKey(ExplicitHashKeyGenerator<T> generator) {
            this.hashKeys = generator;
            return this;
        }

        /** Records per PutRecords (1–500, default 500). */
        public Builder<T> maxBatchSize(int records) {
            this.tuning = tuning.withMaxBatchSize(records);
            return this;
        }

        /** PutRecords calls in flight per writer (default 50). */
        public Builder<T> maxInFlightRequests(int requests) {
            this.tuning = tuning.withMaxInFlightRequests(requests);
            return this;
        }

        /** Records a writer buffers before it back-pressures (default 10 000). */
        public Builder<T> maxBufferedRequests(int records) {
            this.tuning = tuning.withMaxBufferedRequests(records);
            return this;
        }

        /** Longest a record waits for its batch to fill (default 5 s). */
        public Builder<T> maxTimeInBufferMillis(long millis) {
            this.tuning = tuning.withMaxTimeInBufferMillis(millis);
            return this;
        }

        /** All four batching settings at once (the SQL table's). */
        public Builder<T> tuning(SinkTuning sinkTuning) {
            this.tuning = Objects.requireNonNull(sinkTuning, "tuning");
            return this;
        }

        /** The sink; an {@link IllegalArgumentException} if a setting is out of range. */
        public KinesisSink<T> build() {
            return new KinesisSink<>(this);
        }
    }
}
