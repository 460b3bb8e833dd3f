package io.sluice.ingest.reply;

/**
 * The records of one PutRecords call that one shard appended: their positions in the request and
 * their sequence numbers. {@code recordCount} is the size of the whole request.
 */
public record PutRecordsPart(int recordCount, int[] indexes, String shardId, String[] sequenceNumbers) {

    public static final String KIND = "PutRecords";

    public byte[] encode() {
        return PartCodec.encode(this);
    }

    static PutRecordsPart decode(byte[] bytes) {
        return PartCodec.decode(bytes, PutRecordsPart.class);
    }
}
