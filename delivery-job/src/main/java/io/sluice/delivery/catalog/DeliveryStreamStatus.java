package io.sluice.delivery.catalog;

/** A delivery stream's status, as DescribeDeliveryStream reports it. */
public enum DeliveryStreamStatus {
    CREATING,
    ACTIVE
}
