package io.sluice.common.connector.sink;

import java.util.Objects;
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
    public static final class Builder<T> extends BatchPutSinkBuilder<T, Builder<T>> {
        private String streamName;
        private PartitionKeyGenerator<T> partitionKeys = PartitionKeyGenerator.random();
        private ExplicitHashKeyGenerator<T> hashKeys;

        private Builder() {
            super(MAX_BATCH_RECORDS);
        }

        public Builder<T> stream(String name) {
            this.streamName = name;
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

        /** The sink; an {@link IllegalArgumentException} if a setting is out of range. */
        public KinesisSink<T> build() {
            return new KinesisSink<>(this);
        }
    }
}
