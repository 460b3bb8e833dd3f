package io.sluice.ingest.replay;

/**
 * One record read back out of a shard log: the stream and shard it was put to, its sequence number (and, for a
 * user record de-aggregated out of a KPL aggregate, its sub-sequence number, else 0), its partition key (and the
 * explicit hash key a KPL aggregate carried for it, else null), its arrival time in epoch milliseconds, and its data.
 */
public record ReplayedRecord(
        String stream,
        String shardId,
        String sequenceNumber,
        long subSequenceNumber,
        String partitionKey,
        String explicitHashKey,
        long arrivalTime,
        byte[] data) {}
