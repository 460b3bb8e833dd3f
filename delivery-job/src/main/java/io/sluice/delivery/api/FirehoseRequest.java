package io.sluice.delivery.api;

/**
 * A decoded and validated Firehose request. Control requests go to the account's
 * {@code DeliveryStreamRegistry}; {@link PutRecordBatchRequest}s go to the delivery stream's buffer.
 */
public sealed interface FirehoseRequest permits ControlRequest, PutRecordBatchRequest {}
