package io.sluice.ingest.reply;

import io.sluice.common.http.ApiReply;
import io.sluice.common.http.CallRef;
import io.sluice.common.http.ReplyAssembler;
import io.sluice.common.wire.ReplyWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** Joins the multi-part answers of the Streams API (PutRecords, one part per shard) and counts PutRecords.Success. */
public final class KinesisReplyAssembler implements ReplyAssembler {

    private static final long serialVersionUID = 1L;

    private transient MetricGroup metrics;
    private transient Map<String, Counter> successes;

    /** Request-level metrics need the whole answer: {@code PutRecords.Success} (calls with at least one record stored). */
    @Override
    public void open(MetricGroup group) {
        metrics = group;
        successes = new HashMap<>();
    }

    @Override
    public ApiReply assemble(CallRef ref, String partKind, List<byte[]> parts) {
        return switch (partKind) {
            case PutRecordsPart.KIND -> putRecords(ref, parts, this::countSuccess);
            default -> throw new IllegalArgumentException("Unknown reply part kind " + partKind);
        };
    }

    private void countSuccess(String streamName) {
        if (metrics != null && streamName != null) {
            successes.computeIfAbsent(streamName, name -> metrics.addGroup("stream", name).counter("PutRecords.Success")).inc();
        }
    }

    private static ApiReply putRecords(CallRef ref, List<byte[]> parts, Consumer<String> succeeded) {
        PutRecordsPart[] byIndex = null;
        String streamName = null;
        String[] sequenceNumbers = null;
        int failed = 0;
        for (byte[] bytes : parts) {
            PutRecordsPart part = PutRecordsPart.decode(bytes);
            streamName = part.streamName();
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
        if (failed < byIndex.length) {
            succeeded.accept(streamName);
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
