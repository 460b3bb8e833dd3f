package io.sluice.ingest.reply;

import io.sluice.common.http.ApiReply;
import io.sluice.common.http.CallRef;
import io.sluice.common.http.ReplyAssembler;
import io.sluice.common.wire.ReplyWriter;
import io.sluice.ingest.api.Tokens;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Joins the multi-part answers of the Streams API: PutRecords (per shard) and ListStreams (per catalog subtask). */
public final class KinesisReplyAssembler implements ReplyAssembler {

    private static final long serialVersionUID = 1L;

    private final String tokenSecret;
    private transient Tokens tokens;

    public KinesisReplyAssembler(String tokenSecret) {
        this.tokenSecret = tokenSecret;
    }

    @Override
    public ApiReply assemble(CallRef ref, String partKind, List<byte[]> parts) {
        return switch (partKind) {
            case PutRecordsPart.KIND -> putRecords(ref, parts);
            case ListStreamsPart.KIND -> listStreams(ref, parts);
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

    private ApiReply listStreams(CallRef ref, List<byte[]> parts) {
        if (tokens == null) {
            tokens = new Tokens(tokenSecret);
        }
        List<StreamSummary> all = new ArrayList<>();
        int limit = Integer.MAX_VALUE;
        for (byte[] bytes : parts) {
            ListStreamsPart part = ListStreamsPart.decode(bytes);
            all.addAll(part.streams());
            limit = part.limit();
        }
        all.sort(Comparator.comparing(StreamSummary::name));
        boolean more = all.size() > limit;
        List<StreamSummary> page = more ? all.subList(0, limit) : all;
        String nextToken = more ? tokens.listStreams(page.get(page.size() - 1).name(), System.currentTimeMillis()) : null;
        return ApiReply.ok(ref, ReplyWriter.write(ref.format(), g -> {
            g.writeArrayFieldStart("StreamNames");
            for (StreamSummary s : page) {
                g.writeString(s.name());
            }
            g.writeEndArray();
            g.writeBooleanField("HasMoreStreams", more);
            if (nextToken != null) {
                g.writeStringField("NextToken", nextToken);
            }
            g.writeArrayFieldStart("StreamSummaries");
            for (StreamSummary s : page) {
                g.writeStartObject();
                g.writeStringField("StreamName", s.name());
                g.writeStringField("StreamARN", s.arn());
                g.writeStringField("StreamStatus", s.status());
                g.writeObjectFieldStart("StreamModeDetails");
                g.writeStringField("StreamMode", s.mode());
                g.writeEndObject();
                ReplyWriter.timestamp(g, "StreamCreationTimestamp", s.createdAtMillis());
                g.writeEndObject();
            }
            g.writeEndArray();
        }));
    }
}
