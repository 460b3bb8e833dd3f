package io.sluice.delivery.api;

import io.sluice.common.http.ApiAction;

/** Every Firehose action Sluice serves, by its {@code X-Amz-Target} name. */
public enum Action implements ApiAction {
    CREATE_DELIVERY_STREAM("CreateDeliveryStream"),
    DELETE_DELIVERY_STREAM("DeleteDeliveryStream"),
    DESCRIBE_DELIVERY_STREAM("DescribeDeliveryStream"),
    LIST_DELIVERY_STREAMS("ListDeliveryStreams"),
    UPDATE_DESTINATION("UpdateDestination"),
    TAG_DELIVERY_STREAM("TagDeliveryStream"),
    UNTAG_DELIVERY_STREAM("UntagDeliveryStream"),
    LIST_TAGS_FOR_DELIVERY_STREAM("ListTagsForDeliveryStream"),
    PUT_RECORD("PutRecord"),
    PUT_RECORD_BATCH("PutRecordBatch");

    /** The target prefix of the Firehose API version Sluice speaks. */
    public static final String TARGET_PREFIX = "Firehose_20150804.";

    private final String operation;

    Action(String operation) {
        this.operation = operation;
    }

    @Override
    public String operation() {
        return operation;
    }

    /** The action named by an {@code X-Amz-Target} header, or {@code null}. */
    public static Action fromTarget(String target) {
        return ApiAction.fromTarget(target, TARGET_PREFIX, Action.class);
    }
}
