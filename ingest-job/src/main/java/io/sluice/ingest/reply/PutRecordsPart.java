package io.sluice.ingest.reply;

/**
 * The records of one PutRecords call that one shard handled: their positions in the request, their
 * sequence numbers, and the AWS error code and message of those it failed (whose sequence number is
 * null; all of them when {@code sequenceNumbers} is null). {@code recordCount} is the size of the
 * whole request; {@code streamName} names its stream for the request-level metrics.
 */
public record PutRecordsPart(
        String streamName, int recordCount, int[] indexes, String shardId, String[] sequenceNumbers, String errorCode, String errorMessage) {

    public static PutRecordsPart failed(String streamName, int recordCount, int[] indexes, String errorCode, String errorMessage) {
        return new PutRecordsPart(streamName, recordCount, indexes, null, null, errorCode, errorMessage);
    }

    public static final String KIND = "PutRecords";

    public byte[] encode() {
        return PartCodec.encode(this);
    }

    static PutRecordsPart decode(byte[] bytes) {
        return PartCodec.decode(bytes, PutRecordsPart.class);
    }
}
