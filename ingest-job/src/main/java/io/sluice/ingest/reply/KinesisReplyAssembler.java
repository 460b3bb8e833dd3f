package io.sluice.ingest.reply;

import io.sluice.common.http.ApiReply;
import io.sluice.common.http.CallRef;
import io.sluice.common.http.ReplyAssembler;
import io.sluice.common.wire.ReplyWriter;
import java.util.List;

/** Joins the multi-part answers of the Streams API: PutRecords, one part per shard. */
public final class KinesisReplyAssembler implements ReplyAssembler {

    private static final long serialVersionUID = 1L;

    @Override
    public ApiReply assemble(CallRef ref, String partKind, List<byte[]> parts) {
        return switch (partKind) {
            case PutRecordsPart.KIND -> putRecords(ref, parts);
            default -> throw new IllegalArgumentException("Unknown reply part kind " + partKind);
        };
    }

    private static ApiReply putRecords(CallRef ref, List<byte[]> parts) {
        PutRecordsPart[] byIndex = null;
        String[] sequenceNumbers = null;
        int failed = 0;
        for (byte[] bytes : parts) {
            PutRecordsPart part = PutRecordsPart.decode(bytes);
            if (byIndex == null) {
                byIndex = new PutRecordsPart[part.recordCount()];
                sequenceNumbers = new String[part.recordCount()];
            }
            for (int i = 0; i < part.indexes().length; i++) {
                byIndex[part.indexes()[i]] = part;
                String sequenceNumber = part.sequenceNumbers() == null ? null : part.sequenceNumbers()[i];
                if (sequenceNumber != null) {
                    sequenceNumbers[part.indexes()[i]] = sequenceNumber;
                } else {
                    failed++;
                }
            }
        }
        PutRecordsPart[] results = byIndex;
        String[] sequences = sequenceNumbers;
        int failedCount = failed;
        return ApiReply.ok(ref, ReplyWriter.write(ref.format(), g -> {
            g.writeNumberField("FailedRecordCount", failedCount);
            g.writeArrayFieldStart("Records");
            for (int i = 0; i < results.length; i++) {
                g.writeStartObject();
                if (sequences[i] != null) {
                    g.writeStringField("SequenceNumber", sequences[i]);
                    g.writeStringField("ShardId", results[i].shardId());
                } else {
                    g.writeStringField("ErrorCode", results[i].errorCode());
                    g.writeStringField("ErrorMessage", results[i].errorMessage());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("EncryptionType", "NONE");
        }));
    }
}
