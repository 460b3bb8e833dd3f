package io.sluice.delivery.api;

import io.sluice.common.wire.RequestReader;

/** Decodes and validates the body of each Firehose action into its request. */
public final class FirehoseRequests {

    private FirehoseRequests() {}

    public static FirehoseRequest read(Action action, RequestReader r) {
        return switch (action) {
            case CREATE_DELIVERY_STREAM -> CreateDeliveryStreamRequest.read(r);
            case DELETE_DELIVERY_STREAM -> DeleteDeliveryStreamRequest.read(r);
            case DESCRIBE_DELIVERY_STREAM -> DescribeDeliveryStreamRequest.read(r);
            case LIST_DELIVERY_STREAMS -> ListDeliveryStreamsRequest.read(r);
            case UPDATE_DESTINATION -> UpdateDestinationRequest.read(r);
            case TAG_DELIVERY_STREAM -> TagDeliveryStreamRequest.read(r);
            case UNTAG_DELIVERY_STREAM -> UntagDeliveryStreamRequest.read(r);
            case LIST_TAGS_FOR_DELIVERY_STREAM -> ListTagsForDeliveryStreamRequest.read(r);
            case PUT_RECORD -> PutRecordBatchRequest.readPutRecord(r);
            case PUT_RECORD_BATCH -> PutRecordBatchRequest.readPutRecordBatch(r);
        };
    }
}
