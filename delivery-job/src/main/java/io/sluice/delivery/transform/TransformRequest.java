package io.sluice.delivery.transform;

import io.sluice.delivery.buffer.KinesisRecordMetadata;
import java.util.List;

/**
 * The event a transformation gets: Firehose's Lambda event ({@code invocationId}, {@code deliveryStreamArn},
 * {@code region}, {@code records}); each record has its {@code recordId}, arrival time (epoch millis), data and, when
 * read from a Kinesis stream, its {@code kinesisRecordMetadata}.
 */
public record TransformRequest(String invocationId, String deliveryStreamArn, String region, List<Record> records) {

    /**
     * One record to transform; {@code kinesisRecordMetadata} tells where a record of a {@code KinesisStreamAsSource}
     * delivery stream came from (null for Direct PUT records).
     */
    public record Record(String recordId, long approximateArrivalTimestamp, byte[] data, KinesisRecordMetadata kinesisRecordMetadata) {

        /** A Direct PUT record. */
        public Record(String recordId, long approximateArrivalTimestamp, byte[] data) {
            this(recordId, approximateArrivalTimestamp, data, null);
        }
    }
}
