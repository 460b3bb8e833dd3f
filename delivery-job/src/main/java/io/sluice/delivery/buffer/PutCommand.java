package io.sluice.delivery.buffer;

import io.sluice.common.http.CallRef;
import java.util.List;

/**
 * Records on their way to their delivery stream's buffer: a Direct PUT (the call, the records' arrival time and
 * their data), or records read from the delivery stream's Kinesis source: then {@code ref} is null (nothing waits
 * for an answer), {@code arrivalMillis} is their arrival in the Kinesis stream, and {@code kinesis} holds each
 * record's {@link KinesisRecordMetadata} (null for a Direct PUT).
 */
public record PutCommand(CallRef ref, String deliveryStream, boolean single, long arrivalMillis, List<byte[]> records,
        List<KinesisRecordMetadata> kinesis) {

    /** A Direct PUT. */
    public PutCommand(CallRef ref, String deliveryStream, boolean single, long arrivalMillis, List<byte[]> records) {
        this(ref, deliveryStream, single, arrivalMillis, records, null);
    }

    /** One record read from the Kinesis stream of a {@code KinesisStreamAsSource} delivery stream. */
    public static PutCommand fromSource(String deliveryStream, byte[] data, KinesisRecordMetadata metadata) {
        return new PutCommand(null, deliveryStream, false, metadata.approximateArrivalTimestamp(), List.of(data), List.of(metadata));
    }

    /** Whether these records came from the Kinesis source (and so get no answer). */
    public boolean fromSource() {
        return kinesis != null;
    }
}
