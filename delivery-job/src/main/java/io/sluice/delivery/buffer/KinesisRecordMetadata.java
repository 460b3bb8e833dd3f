package io.sluice.delivery.buffer;

/**
 * Where a record of a {@code KinesisStreamAsSource} delivery stream came from, as the Lambda-style transform gets it
 * ({@code kinesisRecordMetadata} of Firehose's event): its shard, partition key, sequence number, the sub-sequence
 * number of a user record inside a KPL aggregate (0 for a record that was not aggregated), and its arrival in the
 * Kinesis stream (epoch millis).
 */
public record KinesisRecordMetadata(
        String shardId, String partitionKey, String sequenceNumber, long subsequenceNumber, long approximateArrivalTimestamp) {}
