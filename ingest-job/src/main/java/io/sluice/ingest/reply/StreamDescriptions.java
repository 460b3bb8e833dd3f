package io.sluice.ingest.reply;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sluice.common.model.ShardId;
import io.sluice.common.wire.ReplyWriter;
import io.sluice.common.wire.WireFormat;
import io.sluice.ingest.IngestSettings;
import io.sluice.ingest.api.ShardLevelMetric;
import io.sluice.ingest.catalog.ShardMetadata;
import io.sluice.ingest.catalog.StreamMetadata;
import java.io.IOException;
import java.util.List;

/** Encodes the control plane's answers: DescribeStream, DescribeStreamSummary, ListShards, ListStreams, UpdateShardCount. */
public final class StreamDescriptions {

    private StreamDescriptions() {}

    public static byte[] describeStream(
            WireFormat format, IngestSettings settings, StreamMetadata s, List<ShardMetadata> shards, boolean hasMore) {
        return ReplyWriter.write(format, g -> {
            g.writeObjectFieldStart("StreamDescription");
            g.writeStringField("StreamName", s.name());
            g.writeStringField("StreamARN", settings.streamArn(s.name()));
            g.writeStringField("StreamStatus", s.status().name());
            modeDetails(g, s);
            g.writeArrayFieldStart("Shards");
            for (ShardMetadata shard : shards) {
                shard(g, s, shard);
            }
            g.writeEndArray();
            g.writeBooleanField("HasMoreShards", hasMore);
            g.writeNumberField("RetentionPeriodHours", s.retentionHours());
            ReplyWriter.timestamp(g, "StreamCreationTimestamp", s.createdAtMillis());
            enhancedMonitoring(g, s);
            g.writeStringField("EncryptionType", "NONE");
            g.writeEndObject();
        });
    }

    public static byte[] describeStreamSummary(WireFormat format, IngestSettings settings, StreamMetadata s) {
        return ReplyWriter.write(format, g -> {
            g.writeObjectFieldStart("StreamDescriptionSummary");
            g.writeStringField("StreamName", s.name());
            g.writeStringField("StreamARN", settings.streamArn(s.name()));
            g.writeStringField("StreamStatus", s.status().name());
            modeDetails(g, s);
            g.writeNumberField("RetentionPeriodHours", s.retentionHours());
            ReplyWriter.timestamp(g, "StreamCreationTimestamp", s.createdAtMillis());
            enhancedMonitoring(g, s);
            g.writeStringField("EncryptionType", "NONE");
            g.writeNumberField("OpenShardCount", s.openShardCount());
            g.writeNumberField("ConsumerCount", 0);
            g.writeEndObject();
        });
    }

    public static byte[] listShards(WireFormat format, StreamMetadata s, List<ShardMetadata> shards, String nextToken) {
        return ReplyWriter.write(format, g -> {
            g.writeArrayFieldStart("Shards");
            for (ShardMetadata shard : shards) {
                shard(g, s, shard);
            }
            g.writeEndArray();
            if (nextToken != null) {
                g.writeStringField("NextToken", nextToken);
            }
        });
    }

    /** ListStreams' answer: a page of streams (names and summaries) in name order. */
    public static byte[] listStreams(WireFormat format, IngestSettings settings, List<StreamMetadata> page, boolean more, String nextToken) {
        return ReplyWriter.write(format, g -> {
            g.writeArrayFieldStart("StreamNames");
            for (StreamMetadata s : page) {
                g.writeString(s.name());
            }
            g.writeEndArray();
            g.writeBooleanField("HasMoreStreams", more);
            if (nextToken != null) {
                g.writeStringField("NextToken", nextToken);
            }
            g.writeArrayFieldStart("StreamSummaries");
            for (StreamMetadata s : page) {
                g.writeStartObject();
                g.writeStringField("StreamName", s.name());
                g.writeStringField("StreamARN", settings.streamArn(s.name()));
                g.writeStringField("StreamStatus", s.status().name());
                modeDetails(g, s);
                ReplyWriter.timestamp(g, "StreamCreationTimestamp", s.createdAtMillis());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** UpdateShardCount's answer. */
    public static byte[] updateShardCount(WireFormat format, IngestSettings settings, StreamMetadata s, int current, int target) {
        return ReplyWriter.write(format, g -> {
            g.writeStringField("StreamName", s.name());
            g.writeNumberField("CurrentShardCount", current);
            g.writeNumberField("TargetShardCount", target);
            g.writeStringField("StreamARN", settings.streamArn(s.name()));
        });
    }

    /** The empty structure that CreateStream and DeleteStream answer with. */
    public static byte[] empty(WireFormat format) {
        return ReplyWriter.write(format, g -> {});
    }

    private static void modeDetails(JsonGenerator g, StreamMetadata s) throws IOException {
        g.writeObjectFieldStart("StreamModeDetails");
        g.writeStringField("StreamMode", s.mode().name());
        g.writeEndObject();
    }

    private static void enhancedMonitoring(JsonGenerator g, StreamMetadata s) throws IOException {
        g.writeArrayFieldStart("EnhancedMonitoring");
        g.writeStartObject();
        metricList(g, "ShardLevelMetrics", s);
        g.writeEndObject();
        g.writeEndArray();
    }

    private static void metricList(JsonGenerator g, String field, StreamMetadata s) throws IOException {
        g.writeArrayFieldStart(field);
        for (ShardLevelMetric m : s.shardLevelMetrics()) {
            g.writeString(m.name());
        }
        g.writeEndArray();
    }

    /** Enable/DisableEnhancedMonitoring's answer: the shard-level metrics before and after. */
    public static byte[] enhancedMonitoring(WireFormat format, IngestSettings settings, StreamMetadata before, StreamMetadata after) {
        return ReplyWriter.write(format, g -> {
            g.writeStringField("StreamName", after.name());
            metricList(g, "CurrentShardLevelMetrics", before);
            metricList(g, "DesiredShardLevelMetrics", after);
            g.writeStringField("StreamARN", settings.streamArn(after.name()));
        });
    }

    private static void shard(JsonGenerator g, StreamMetadata s, ShardMetadata shard) throws IOException {
        g.writeStartObject();
        g.writeStringField("ShardId", shard.shardId());
        if (shard.parentIndex() != null) {
            g.writeStringField("ParentShardId", ShardId.format(shard.parentIndex()));
        }
        if (shard.adjacentParentIndex() != null) {
            g.writeStringField("AdjacentParentShardId", ShardId.format(shard.adjacentParentIndex()));
        }
        g.writeObjectFieldStart("HashKeyRange");
        g.writeStringField("StartingHashKey", shard.startHash().toString());
        g.writeStringField("EndingHashKey", shard.endHash().toString());
        g.writeEndObject();
        g.writeObjectFieldStart("SequenceNumberRange");
        g.writeStringField("StartingSequenceNumber", s.startingSequenceNumber(shard.index()));
        if (!shard.isOpen()) {
            g.writeStringField("EndingSequenceNumber", s.endingSequenceNumber(shard.index()));
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
