package io.sluice.delivery.reply;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sluice.common.wire.ReplyWriter;
import io.sluice.common.wire.WireFormat;
import io.sluice.delivery.api.Processing;
import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.catalog.DeliveryStream;
import java.io.IOException;
import java.util.Map;

/** The DescribeDeliveryStream answer: {@code DeliveryStreamDescription} in AWS's shape. */
public final class DeliveryStreamDescriptions {

    private DeliveryStreamDescriptions() {}

    public static byte[] describe(WireFormat format, DeliveryStream s) {
        return ReplyWriter.write(format, g -> {
            g.writeObjectFieldStart("DeliveryStreamDescription");
            g.writeStringField("DeliveryStreamName", s.name());
            g.writeStringField("DeliveryStreamARN", s.arn());
            g.writeStringField("DeliveryStreamStatus", s.status().name());
            g.writeObjectFieldStart("DeliveryStreamEncryptionConfiguration");
            g.writeStringField("Status", "DISABLED");
            g.writeEndObject();
            g.writeStringField("DeliveryStreamType", s.type().name());
            g.writeStringField("VersionId", Integer.toString(s.versionId()));
            ReplyWriter.timestamp(g, "CreateTimestamp", s.createdMillis());
            if (s.lastUpdateMillis() != s.createdMillis()) {
                ReplyWriter.timestamp(g, "LastUpdateTimestamp", s.lastUpdateMillis());
            }
            g.writeArrayFieldStart("Destinations");
            g.writeStartObject();
            g.writeStringField("DestinationId", DeliveryStream.DESTINATION_ID);
            g.writeObjectFieldStart("S3DestinationDescription");
            s3Members(g, s.destination());
            g.writeEndObject();
            if (s.destination().extended()) {
                g.writeObjectFieldStart("ExtendedS3DestinationDescription");
                s3Members(g, s.destination());
                extendedMembers(g, s.destination());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndArray();
            g.writeBooleanField("HasMoreDestinations", false);
            g.writeEndObject();
        });
    }

    private static void s3Members(JsonGenerator g, S3Destination d) throws IOException {
        g.writeStringField("RoleARN", d.roleArn());
        g.writeStringField("BucketARN", d.bucketArn());
        if (d.prefix() != null) {
            g.writeStringField("Prefix", d.prefix());
        }
        if (d.errorOutputPrefix() != null) {
            g.writeStringField("ErrorOutputPrefix", d.errorOutputPrefix());
        }
        g.writeObjectFieldStart("BufferingHints");
        g.writeNumberField("SizeInMBs", d.bufferingHints().sizeInMBs());
        g.writeNumberField("IntervalInSeconds", d.bufferingHints().intervalInSeconds());
        g.writeEndObject();
        g.writeStringField("CompressionFormat", d.compressionFormat().name());
        g.writeObjectFieldStart("EncryptionConfiguration");
        g.writeStringField("NoEncryptionConfig", "NoEncryption");
        g.writeEndObject();
        g.writeObjectFieldStart("CloudWatchLoggingOptions");
        g.writeBooleanField("Enabled", false);
        g.writeEndObject();
    }

    private static void extendedMembers(JsonGenerator g, S3Destination d) throws IOException {
        g.writeObjectFieldStart("ProcessingConfiguration");
        g.writeBooleanField("Enabled", d.processing().enabled());
        g.writeArrayFieldStart("Processors");
        for (Processing.Processor p : d.processing().processors()) {
            g.writeStartObject();
            g.writeStringField("Type", p.type().name());
            g.writeArrayFieldStart("Parameters");
            for (Map.Entry<String, String> parameter : p.parameters().entrySet()) {
                g.writeStartObject();
                g.writeStringField("ParameterName", parameter.getKey());
                g.writeStringField("ParameterValue", parameter.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeStringField("S3BackupMode", "Disabled");
        g.writeObjectFieldStart("DataFormatConversionConfiguration");
        g.writeBooleanField("Enabled", false);
        g.writeEndObject();
        g.writeObjectFieldStart("DynamicPartitioningConfiguration");
        g.writeBooleanField("Enabled", d.dynamicPartitioning().enabled());
        if (d.dynamicPartitioning().enabled()) {
            g.writeObjectFieldStart("RetryOptions");
            g.writeNumberField("DurationInSeconds", d.dynamicPartitioning().retryDurationInSeconds());
            g.writeEndObject();
        }
        g.writeEndObject();
        if (d.fileExtension() != null) {
            g.writeStringField("FileExtension", d.fileExtension());
        }
        if (d.customTimeZone() != null) {
            g.writeStringField("CustomTimeZone", d.customTimeZone());
        }
    }
}
