package io.sluice.common.connector.source;

/**
 * What a Kinesis record carries besides its data: its stream and shard, its sequence number (and,
 * for a user record of a KPL aggregate, its sub-sequence), its partition key and arrival time.
 */
public record RecordMetadata(
        String streamName, String shardId, String sequenceNumber, long subSequenceNumber, String partitionKey, long arrivalMillis) {}
