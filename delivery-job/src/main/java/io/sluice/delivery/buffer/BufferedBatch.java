package io.sluice.delivery.buffer;

import java.util.List;

/**
 * The records of one accepted put, as they wait in the buffer's state: their arrival time and data, and for records
 * read from a Kinesis stream each one's {@link KinesisRecordMetadata} ({@code kinesis}, null for a Direct PUT).
 * One state entry per call (not per record) keeps the buffer's state writes to one per put.
 */
public record BufferedBatch(long arrivalMillis, List<byte[]> records, List<KinesisRecordMetadata> kinesis) {

    /** A batch of a Direct PUT. */
    public BufferedBatch(long arrivalMillis, List<byte[]> records) {
        this(arrivalMillis, records, null);
    }

    public long bytes() {
        long n = 0;
        for (byte[] r : records) {
            n += r.length;
        }
        return n;
    }

    /** The Kinesis metadata of record {@code i}, or null for a Direct PUT record. */
    public KinesisRecordMetadata kinesis(int i) {
        return kinesis == null ? null : kinesis.get(i);
    }
}
