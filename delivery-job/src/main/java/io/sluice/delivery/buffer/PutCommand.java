package io.sluice.delivery.buffer;

import io.sluice.common.http.CallRef;
import java.util.List;

/**
 * Records on their way to their delivery stream's buffer: a Direct PUT (the call, the records' arrival time and
 * their data), or records read from the delivery stream's Kinesis source: then {@code ref} is null (nothing waits
 * for an answer), {@code arrivalMillis} is their arrival in the Kinesis stream, {@code kinesis} holds each
 * record's {@link KinesisRecordMetadata} (null for a Direct PUT), and {@code sourceCreatedMillis} is the creation time of
 * the delivery stream they were read for (a stream created again under the name takes none of them).
 */
public record PutCommand(CallRef ref, String deliveryStream, boolean single, long arrivalMillis, List<byte[]> records,
        List<KinesisRecordMetadata> kinesis, long sourceCreatedMillis) {

    /** A Direct PUT. */
    public PutCommand(CallRef ref, String deliveryStream, boolean single, long arrivalMillis, List<byte[]> records) {
        this(ref, deliveryStream, single, arrivalMillis, records, null, 0);
    }

    /** One record read from the Kinesis stream of the {@code KinesisStreamAsSource} delivery stream created at {@code createdMillis}. */
    public static PutCommand fromSource(String deliveryStream, long createdMillis, byte[] data, KinesisRecordMetadata metadata) {
        return new PutCommand(null, deliveryStream, false, metadata.approximateArrivalTimestamp(), List.of(data), List.of(metadata),
                createdMillis);
    }

    /** Whether these records came from the Kinesis source (and so get no answer). */
    public boolean fromSource() {
        return kinesis != null;
    }
}
