package io.sluice.delivery.transform;

import java.util.List;

/**
 * The event a transformation gets: Firehose's Lambda event ({@code invocationId}, {@code deliveryStreamArn},
 * {@code region}, {@code records}); each record has its {@code recordId}, arrival time (epoch millis) and data.
 */
public record TransformRequest(String invocationId, String deliveryStreamArn, String region, List<Record> records) {

    /** One record to transform. */
    public record Record(String recordId, long approximateArrivalTimestamp, byte[] data) {}
}
