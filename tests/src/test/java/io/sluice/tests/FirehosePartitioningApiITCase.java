package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.Processor;
import software.amazon.awssdk.services.firehose.model.ProcessorParameter;
import software.amazon.awssdk.services.firehose.model.ProcessorParameterName;
import software.amazon.awssdk.services.firehose.model.ProcessorType;

/**
 * Dynamic partitioning and its processors through the AWS SDK's {@code FirehoseClient}: a partitioned delivery
 * stream created and described back as given, configurations AWS refuses refused with AWS's error and message,
 * and UpdateDestination that may change the retry duration but not turn partitioning off.
 */
class FirehosePartitioningApiITCase {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final String PREFIX = "customer_id=!{partitionKeyFromQuery:customer_id}/year=!{partitionKeyFromQuery:year}/";
    private static final String ERROR_PREFIX = "errors/!{firehose:error-output-type}/";
    private static final String QUERY = "{customer_id: .customer_id, year: .event_timestamp | strftime(\"%Y\")}";

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(4);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension FIREHOSE = SluiceExtension.firehoseWithLocalBuckets(conf -> { });

    @Test
    void aPartitionedStreamIsDescribedAsCreatedAndItsRetryDurationCanBeUpdated() {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            firehose.createDeliveryStream(b -> b.deliveryStreamName("partitioned").extendedS3DestinationConfiguration(partitioned(d -> { })));
            FirehoseStreams.awaitActive(firehose, "partitioned");
            ExtendedS3DestinationDescription d = describe(firehose, "partitioned").destinations().get(0).extendedS3DestinationDescription();
            assertThat(d.prefix()).isEqualTo(PREFIX);
            assertThat(d.errorOutputPrefix()).isEqualTo(ERROR_PREFIX);
            assertThat(d.bufferingHints().sizeInMBs()).isEqualTo(64);
            assertThat(d.bufferingHints().intervalInSeconds()).isEqualTo(60);
            assertThat(d.dynamicPartitioningConfiguration().enabled()).isTrue();
            assertThat(d.dynamicPartitioningConfiguration().retryOptions().durationInSeconds()).isEqualTo(600);
            assertThat(d.processingConfiguration().enabled()).isTrue();
            assertThat(d.processingConfiguration().processors()).containsExactly(deAggregation("JSON"), extraction(QUERY, "JQ-1.6"),
                    Processor.builder().type(ProcessorType.APPEND_DELIMITER_TO_RECORD).parameters(List.of()).build());

            assertRefused(() -> firehose.updateDestination(b -> b.deliveryStreamName("partitioned").currentDeliveryStreamVersionId("1")
                            .destinationId("destinationId-000000000001")
                            .extendedS3DestinationUpdate(u -> u.dynamicPartitioningConfiguration(p -> p.enabled(false)))),
                    InvalidArgumentException.class, "Dynamic Partitioning can't be disabled once it is enabled on a Firehose stream.");
            firehose.updateDestination(b -> b.deliveryStreamName("partitioned").currentDeliveryStreamVersionId("1")
                    .destinationId("destinationId-000000000001")
                    .extendedS3DestinationUpdate(u -> u.dynamicPartitioningConfiguration(p -> p.retryOptions(r -> r.durationInSeconds(30)))));
            DeliveryStreamDescription updated = describe(firehose, "partitioned");
            assertThat(updated.versionId()).isEqualTo("2");
            assertThat(updated.destinations().get(0).extendedS3DestinationDescription().dynamicPartitioningConfiguration().retryOptions()
                    .durationInSeconds()).isEqualTo(30);
        }
    }

    @Test
    void aStreamWithoutPartitioningCannotHaveItTurnedOn() {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            firehose.createDeliveryStream(b -> b.deliveryStreamName("plain").extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                    .bucketARN("arn:aws:s3:::plain-bucket").bufferingHints(h -> h.sizeInMBs(64).intervalInSeconds(60))));
            FirehoseStreams.awaitActive(firehose, "plain");
            assertThat(describe(firehose, "plain").destinations().get(0).extendedS3DestinationDescription()
                    .dynamicPartitioningConfiguration().enabled()).isFalse();
            assertRefused(() -> firehose.updateDestination(b -> b.deliveryStreamName("plain").currentDeliveryStreamVersionId("1")
                            .destinationId("destinationId-000000000001").extendedS3DestinationUpdate(u -> u.prefix(PREFIX)
                                    .errorOutputPrefix(ERROR_PREFIX).dynamicPartitioningConfiguration(p -> p.enabled(true))
                                    .processingConfiguration(p -> p.enabled(true).processors(extraction(QUERY, "JQ-1.6"))))),
                    InvalidArgumentException.class, "Dynamic Partitioning can only be enabled when the Firehose stream is created.");
        }
    }

    @Test
    void configurationsAwsRefusesAreRefusedWithItsMessages() {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            assertCreateRefused(firehose, d -> d.bufferingHints(h -> h.sizeInMBs(5).intervalInSeconds(60)), InvalidArgumentException.class,
                    "BufferingHints.SizeInMBs must be at least 64 when Dynamic Partitioning is enabled.");
            assertCreateRefused(firehose, d -> d.prefix("static/"), InvalidArgumentException.class,
                    "S3 Prefix should contain Dynamic Partitioning namespaces when Dynamic Partitioning is enabled");
            assertCreateRefused(firehose, d -> d.prefix("year=!{partitionKeyFromQuery:year}/"), InvalidArgumentException.class,
                    "MetaDataExtraction JQ Query can't contain keys that are not present in the S3 Prefix expression");
            assertCreateRefused(firehose, d -> d.errorOutputPrefix(null), InvalidArgumentException.class,
                    "ErrorOutputPrefix is required when dynamic partitioning is enabled.");
            assertCreateRefused(firehose, d -> d.dynamicPartitioningConfiguration(p -> p.enabled(false)), InvalidArgumentException.class,
                    "class com.amazonaws.services.firehose.internal.model.RecordDeAggregationProcessor can only be present when Dynamic"
                            + " Partitioning is enabled.");
            assertCreateRefused(firehose, d -> d.processingConfiguration(p -> p.enabled(true).processors(extraction(QUERY, "JQ-1.5"))),
                    InvalidArgumentException.class, "MetaDataExtraction JSON Parsing Engine has to be one of JQ-1.6");
            assertCreateRefused(firehose, d -> d.processingConfiguration(p -> p.enabled(true).processors(deAggregation("XML"))),
                    InvalidArgumentException.class, "SubRecordType has to be one of JSON, DELIMITED");
            assertCreateRefused(firehose, d -> d.processingConfiguration(p -> p.enabled(true)
                            .processors(extraction("{customer_id: .customer_id | ascii_downcase, year: .y}", "JQ-1.6"))),
                    InvalidArgumentException.class, "MetadataExtractionQuery '{customer_id: .customer_id | ascii_downcase, year: .y}' is"
                            + " outside the jq subset Sluice runs: the function ascii_downcase at position 29 is not supported; Sluice"
                            + " supports strftime, todate, tostring and tonumber.");
            assertCreateRefused(firehose, d -> d.dynamicPartitioningConfiguration(p -> p.enabled(true).retryOptions(r -> r.durationInSeconds(7201))),
                    FirehoseException.class, "1 validation error detected: Value '7201' at 'extendedS3DestinationConfiguration"
                            + ".dynamicPartitioningConfiguration.retryOptions.durationInSeconds' failed to satisfy constraint: Member must"
                            + " have value less than or equal to 7200");
        }
    }

    // ---- helpers

    /** AWS's example configuration, then {@code change}. */
    private static Consumer<ExtendedS3DestinationConfiguration.Builder> partitioned(Consumer<ExtendedS3DestinationConfiguration.Builder> change) {
        return d -> {
            d.roleARN(ROLE).bucketARN("arn:aws:s3:::partitioned-bucket").prefix(PREFIX).errorOutputPrefix(ERROR_PREFIX)
                    .bufferingHints(h -> h.sizeInMBs(64).intervalInSeconds(60))
                    .dynamicPartitioningConfiguration(p -> p.enabled(true).retryOptions(r -> r.durationInSeconds(600)))
                    .processingConfiguration(p -> p.enabled(true).processors(deAggregation("JSON"), extraction(QUERY, "JQ-1.6"),
                            Processor.builder().type(ProcessorType.APPEND_DELIMITER_TO_RECORD).build()));
            change.accept(d);
        };
    }

    private static Processor deAggregation(String subRecordType) {
        return Processor.builder().type(ProcessorType.RECORD_DE_AGGREGATION)
                .parameters(parameter(ProcessorParameterName.SUB_RECORD_TYPE, subRecordType)).build();
    }

    private static Processor extraction(String query, String engine) {
        return Processor.builder().type(ProcessorType.METADATA_EXTRACTION).parameters(
                parameter(ProcessorParameterName.METADATA_EXTRACTION_QUERY, query),
                parameter(ProcessorParameterName.JSON_PARSING_ENGINE, engine)).build();
    }

    private static ProcessorParameter parameter(ProcessorParameterName name, String value) {
        return ProcessorParameter.builder().parameterName(name).parameterValue(value).build();
    }

    private static DeliveryStreamDescription describe(FirehoseClient firehose, String name) {
        return firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription();
    }

    private static void assertCreateRefused(FirehoseClient firehose, Consumer<ExtendedS3DestinationConfiguration.Builder> change,
            Class<? extends FirehoseException> type, String message) {
        assertRefused(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("refused")
                .extendedS3DestinationConfiguration(partitioned(change))), type, message);
        assertRefused(() -> firehose.describeDeliveryStream(b -> b.deliveryStreamName("refused")),
                software.amazon.awssdk.services.firehose.model.ResourceNotFoundException.class,
                "Firehose refused under account 000000000000 not found.");
    }

    private static void assertRefused(Runnable call, Class<? extends FirehoseException> type, String message) {
        try {
            call.run();
        } catch (FirehoseException e) {
            assertThat(e).as(e.getMessage()).isExactlyInstanceOf(type);
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            return;
        }
        throw new AssertionError("The call was expected to be refused, and succeeded");
    }
}
