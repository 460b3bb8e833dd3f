package io.sluice.delivery.reply;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sluice.common.wire.ReplyWriter;
import io.sluice.common.wire.WireFormat;
import io.sluice.delivery.api.HttpEndpointDestination;
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
            if (s.kinesisSource() != null) {
                // The stream is read from the delivery stream's creation on (DeliveryStartTimestamp).
                g.writeObjectFieldStart("Source");
                g.writeObjectFieldStart("KinesisStreamSourceDescription");
                g.writeStringField("KinesisStreamARN", s.kinesisSource().kinesisStreamArn());
                g.writeStringField("RoleARN", s.kinesisSource().roleArn());
                ReplyWriter.timestamp(g, "DeliveryStartTimestamp", s.createdMillis());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeArrayFieldStart("Destinations");
            g.writeStartObject();
            g.writeStringField("DestinationId", DeliveryStream.DESTINATION_ID);
            if (s.httpEndpoint() != null) {
                httpEndpoint(g, s.httpEndpoint());
            } else {
                s3Destination(g, s.destination());
            }
            g.writeEndObject();
            g.writeEndArray();
            g.writeBooleanField("HasMoreDestinations", false);
            g.writeEndObject();
        });
    }

    private static void s3Destination(JsonGenerator g, S3Destination d) throws IOException {
        g.writeObjectFieldStart("S3DestinationDescription");
        s3Members(g, d);
        g.writeEndObject();
        if (d.extended()) {
            g.writeObjectFieldStart("ExtendedS3DestinationDescription");
            s3Members(g, d);
            extendedMembers(g, d);
            g.writeEndObject();
        }
    }

    /** {@code HttpEndpointDestinationDescription}: everything but the access key, which AWS never shows. */
    private static void httpEndpoint(JsonGenerator g, HttpEndpointDestination h) throws IOException {
        g.writeObjectFieldStart("HttpEndpointDestinationDescription");
        g.writeObjectFieldStart("EndpointConfiguration");
        g.writeStringField("Url", h.url());
        if (h.name() != null) {
            g.writeStringField("Name", h.name());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("BufferingHints");
        g.writeNumberField("SizeInMBs", h.bufferingHints().sizeInMBs());
        g.writeNumberField("IntervalInSeconds", h.bufferingHints().intervalInSeconds());
        g.writeEndObject();
        g.writeObjectFieldStart("CloudWatchLoggingOptions");
        g.writeBooleanField("Enabled", false);
        g.writeEndObject();
        g.writeObjectFieldStart("RequestConfiguration");
        g.writeStringField("ContentEncoding", h.contentEncoding().name());
        g.writeArrayFieldStart("CommonAttributes");
        for (HttpEndpointDestination.CommonAttribute a : h.commonAttributes()) {
            g.writeStartObject();
            g.writeStringField("AttributeName", a.name());
            g.writeStringField("AttributeValue", a.value());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        processing(g, h.processing());
        if (h.roleArn() != null) {
            g.writeStringField("RoleARN", h.roleArn());
        }
        g.writeObjectFieldStart("RetryOptions");
        g.writeNumberField("DurationInSeconds", h.retryDurationSeconds());
        g.writeEndObject();
        g.writeStringField("S3BackupMode", h.backupMode().name());
        g.writeObjectFieldStart("S3DestinationDescription");
        s3Members(g, h.s3());
        g.writeEndObject();
        g.writeEndObject();
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
        processing(g, d.processing());
        g.writeStringField("S3BackupMode", d.backup() == null ? "Disabled" : "Enabled");
        if (d.backup() != null) {
            g.writeObjectFieldStart("S3BackupDescription");
            s3Members(g, d.backup());
            g.writeEndObject();
        }
        ConversionDescriptions.write(g, d.conversion());
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

    private static void processing(JsonGenerator g, Processing processing) throws IOException {
        g.writeObjectFieldStart("ProcessingConfiguration");
        g.writeBooleanField("Enabled", processing.enabled());
        g.writeArrayFieldStart("Processors");
        for (Processing.Processor p : processing.processors()) {
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
    }
}
