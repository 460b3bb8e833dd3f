package io.sluice.delivery.api;

/** Where a delivery stream's records come from (Firehose's {@code DeliveryStreamType}). */
public enum DeliveryStreamType {
    /** Producers call PutRecord and PutRecordBatch. */
    DirectPut,
    /** The delivery stream reads a Kinesis data stream; Direct PUT is refused. */
    KinesisStreamAsSource,
    /** Reads an Amazon MSK topic (not served by Sluice). */
    MSKAsSource,
    /** Reads a database's change log (not served by Sluice). */
    DatabaseAsSource
}
