package io.sluice.common.connector.sink;

import io.sluice.common.connector.KinesisClientConfig;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * What the builders of every {@link BatchPutSink} share: the client, the serialization schema and the
 * batching settings ({@link SinkTuning}). {@code B} is the concrete builder, so that each setter returns it.
 */
public abstract class BatchPutSinkBuilder<T, B extends BatchPutSinkBuilder<T, B>> {

    KinesisClientConfig clientConfig;
    SerializationSchema<T> schema;
    SinkTuning tuning;

    /** {@code maxBatchRecords}: the API's most records per call, the default batch size. */
    BatchPutSinkBuilder(int maxBatchRecords) {
        this.tuning = SinkTuning.defaults(maxBatchRecords);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The endpoint, region and credentials (e.g. {@code KinesisClientConfig.sluice(endpoint)}). */
    public B client(KinesisClientConfig config) {
        this.clientConfig = config;
        return self();
    }

    public B serializationSchema(SerializationSchema<T> serializationSchema) {
        this.schema = serializationSchema;
        return self();
    }

    /** Records per call (1–500, default 500). */
    public B maxBatchSize(int records) {
        this.tuning = tuning.withMaxBatchSize(records);
        return self();
    }

    /** Calls in flight per writer (default 50). */
    public B maxInFlightRequests(int requests) {
        this.tuning = tuning.withMaxInFlightRequests(requests);
        return self();
    }

    /** Records a writer buffers before it back-pressures (default 10 000). */
    public B maxBufferedRequests(int records) {
        this.tuning = tuning.withMaxBufferedRequests(records);
        return self();
    }

    /** Longest a record waits for its batch to fill (default 5 s). */
    public B maxTimeInBufferMillis(long millis) {
        this.tuning = tuning.withMaxTimeInBufferMillis(millis);
        return self();
    }

    /** All four batching settings at once (the SQL table's). */
    public B tuning(SinkTuning sinkTuning) {
        this.tuning = Objects.requireNonNull(sinkTuning, "tuning");
        return self();
    }
}
