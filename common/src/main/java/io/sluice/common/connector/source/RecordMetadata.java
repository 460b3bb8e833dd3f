package io.sluice.common.connector.source;

/**
 * What a Kinesis record carries besides its data: its stream and shard, its sequence number (and,
 * for a user record of a KPL aggregate, its sub-sequence), its partition key and arrival time, and the
 * {@link StreamSubscription} it was read for (empty for a source over one fixed stream).
 */
public record RecordMetadata(
        String streamName, String shardId, String sequenceNumber, long subSequenceNumber, String partitionKey, long arrivalMillis,
        String subscription) {

    /** The metadata of a record read by a single-stream source. */
    public RecordMetadata(String streamName, String shardId, String sequenceNumber, long subSequenceNumber, String partitionKey,
            long arrivalMillis) {
        this(streamName, shardId, sequenceNumber, subSequenceNumber, partitionKey, arrivalMillis, "");
    }
}
