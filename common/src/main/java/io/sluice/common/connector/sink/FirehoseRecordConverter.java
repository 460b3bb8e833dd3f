package io.sluice.common.connector.sink;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Turns an element into a Firehose record: its bytes from a serialization schema, then the delimiter
 * (none by default). A record over PutRecordBatch's 1,000 KiB fails the job here, with its size, the
 * limit and the delivery stream in the message, rather than being dropped or split: Firehose would
 * refuse it, and a row cut in two is not a row.
 */
final class FirehoseRecordConverter<T> extends SchemaElementConverter<T, byte[]> {

    private static final long serialVersionUID = 1L;

    private final byte[] delimiter;
    private final String deliveryStream;

    FirehoseRecordConverter(SerializationSchema<T> schema, byte[] delimiter, String deliveryStream) {
        super(schema);
        this.delimiter = delimiter.clone();
        this.deliveryStream = deliveryStream;
    }

    @Override
    public byte[] apply(T element, SinkWriter.Context context) {
        byte[] encoded = schema.serialize(element);
        long size = (long) encoded.length + delimiter.length;
        if (size > FirehoseSink.MAX_RECORD_BYTES) {
            throw new IllegalArgumentException(String.format(
                    "A record for Firehose delivery stream %s is %,d bytes (with its delimiter); PutRecordBatch takes at most %,d bytes"
                            + " (1,000 KiB) per record. Make the row smaller (or split it into rows) before it reaches the sink.",
                    deliveryStream, size, FirehoseSink.MAX_RECORD_BYTES));
        }
        if (delimiter.length == 0) {
            return encoded;
        }
        byte[] record = new byte[(int) size];
        System.arraycopy(encoded, 0, record, 0, encoded.length);
        System.arraycopy(delimiter, 0, record, encoded.length, delimiter.length);
        return record;
    }

}
