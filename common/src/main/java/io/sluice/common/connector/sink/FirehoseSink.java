package io.sluice.common.connector.sink;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Flink sink into one Firehose delivery stream (Sluice's delivery job or AWS Firehose) by Direct PUT,
 * built on {@link BatchPutSink}: records are batched into PutRecordBatch calls by count (≤ 500), bytes
 * (≤ 4 MiB) and time; records that fail on their own ({@code FailedPutCount}, a per-record
 * {@code ErrorCode}) and calls refused whole with {@code ServiceUnavailableException} ("Slow down.")
 * are retried with backoff; a full buffer back-pressures the job; a checkpoint waits for what is in
 * flight and keeps what is buffered (at-least-once: a call whose answer is lost is sent again). A
 * record over 1,000 KiB fails the job with a message that says so. Records are sent as the schema
 * encodes them, plus an optional {@linkplain Builder#recordDelimiter delimiter}: Firehose writes
 * records back to back. Build one with {@link #builder()}.
 */
public final class FirehoseSink<T> extends BatchPutSink<T, byte[]> {

    private static final long serialVersionUID = 1L;

    /** PutRecordBatch's limits: 500 records, 4 MiB per call, 1,000 KiB per record (before Base64). */
    public static final int MAX_BATCH_RECORDS = 500;
    public static final long MAX_BATCH_BYTES = 4L << 20;
    public static final long MAX_RECORD_BYTES = 1_000L * 1024;

    private FirehoseSink(Builder<T> b) {
        super(new FirehoseRecordConverter<>(Objects.requireNonNull(b.schema, "serializationSchema"), b.delimiter,
                        Objects.requireNonNull(b.deliveryStream, "deliveryStream")),
                b.tuning.check(MAX_BATCH_RECORDS), MAX_BATCH_BYTES, MAX_RECORD_BYTES,
                FirehosePutRecordBatch.factory(Objects.requireNonNull(b.clientConfig, "client"), b.deliveryStream),
                record -> record.length, "firehose-sink-retries");
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<byte[]>> getWriterStateSerializer() {
        return new ByteArrayStateSerializer();
    }

    /** Builds a {@link FirehoseSink}: delivery stream, client and serialization schema are required. */
    public static final class Builder<T> extends BatchPutSinkBuilder<T, Builder<T>> {
        private String deliveryStream;
        private byte[] delimiter = new byte[0];

        private Builder() {
            super(MAX_BATCH_RECORDS);
        }

        public Builder<T> deliveryStream(String name) {
            this.deliveryStream = name;
            return this;
        }

        /** Appended to every record, e.g. "\n" for one JSON object per line in the delivered objects (default: none). */
        public Builder<T> recordDelimiter(String delimiterText) {
            this.delimiter = delimiterText.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** The sink; an {@link IllegalArgumentException} if a setting is out of range. */
        public FirehoseSink<T> build() {
            return new FirehoseSink<>(this);
        }
    }
}
