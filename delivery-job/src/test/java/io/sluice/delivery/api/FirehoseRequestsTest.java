package io.sluice.delivery.api;

import static io.sluice.delivery.DeliveryFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.error.ValidationException;
import io.sluice.common.wire.WireFormat;
import io.sluice.delivery.DeliveryFixtures;
import io.sluice.delivery.s3.CompressionFormat;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Decoding and validation of Firehose request bodies, with AWS's constraints and wording. */
class FirehoseRequestsTest {

    private static final String S3 = "\"RoleARN\": \"arn:aws:iam::000000000000:role/firehose\", \"BucketARN\": \"arn:aws:s3:::my-bucket\"";

    // ---- names

    @Test
    void aDeliveryStreamNameIsOneTo64OfLettersDigitsAndDotDashUnderscore() {
        assertThat(read(Action.DESCRIBE_DELIVERY_STREAM, "{\"DeliveryStreamName\": \"" + "a.b-c_D9".repeat(8) + "\"}"))
                .isEqualTo(new DescribeDeliveryStreamRequest("a.b-c_D9".repeat(8), 10_000, null));
        refused(Action.DESCRIBE_DELIVERY_STREAM, "{\"DeliveryStreamName\": \"bad name!\"}")
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value 'bad name!' at 'deliveryStreamName' failed to satisfy constraint:"
                        + " Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        refused(Action.DELETE_DELIVERY_STREAM, "{\"DeliveryStreamName\": \"" + "a".repeat(65) + "\"}")
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value '" + "a".repeat(65) + "' at 'deliveryStreamName' failed to satisfy"
                        + " constraint: Member must have length less than or equal to 64");
        refused(Action.PUT_RECORD, "{\"DeliveryStreamName\": \"\", \"Record\": {\"Data\": \"\"}}")
                .isInstanceOf(ValidationException.class)
                .hasMessage("2 validation errors detected: Value '' at 'deliveryStreamName' failed to satisfy constraint: Member must"
                        + " have length greater than or equal to 1; Value '' at 'deliveryStreamName' failed to satisfy constraint:"
                        + " Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        refused(Action.PUT_RECORD_BATCH, "{\"Records\": [{\"Data\": \"\"}]}")
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value null at 'deliveryStreamName' failed to satisfy constraint:"
                        + " Member must not be null");
    }

    // ---- records

    @Test
    void aBatchHoldsOneTo500Records() throws Exception {
        PutRecordBatchRequest full = (PutRecordBatchRequest) read(Action.PUT_RECORD_BATCH, batch(new int[500]));
        assertThat(full.records()).hasSize(500).allSatisfy(r -> assertThat(r).isEmpty());
        assertThat(full.single()).isFalse();
        refused(Action.PUT_RECORD_BATCH, batch(new int[501]))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value '[...]' at 'records' failed to satisfy constraint:"
                        + " Member must have length less than or equal to 500");
        refused(Action.PUT_RECORD_BATCH, batch())
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value '[]' at 'records' failed to satisfy constraint:"
                        + " Member must have length greater than or equal to 1");
    }

    @Test
    void aBatchCarriesAtMost4MiBOfData() throws Exception {
        int max = PutRecordBatchRequest.MAX_RECORD_BYTES;
        int rest = 4 * 1024 * 1024 - 4 * max;
        PutRecordBatchRequest exactly = (PutRecordBatchRequest) read(Action.PUT_RECORD_BATCH, batch(max, max, max, max, rest));
        assertThat(exactly.records().stream().mapToLong(r -> r.length).sum()).isEqualTo(4_194_304);
        refused(Action.PUT_RECORD_BATCH, batch(max, max, max, max, rest + 1))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Records size exceeds 4 MiB limit: 4194305 bytes of data in one PutRecordBatch.");
    }

    @Test
    void aRecordHoldsAtMost1024000Bytes() throws Exception {
        PutRecordBatchRequest single = (PutRecordBatchRequest) read(Action.PUT_RECORD, record(1_024_000));
        assertThat(single.single()).isTrue();
        assertThat(single.records()).singleElement().satisfies(r -> assertThat(r).hasSize(1_024_000));
        refused(Action.PUT_RECORD, record(1_024_001))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1024001 cap=1024001]' at"
                        + " 'record.data' failed to satisfy constraint: Member must have length less than or equal to 1024000");
        refused(Action.PUT_RECORD_BATCH, batch(1, 1_024_001))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1024001 cap=1024001]' at"
                        + " 'records.2.member.data' failed to satisfy constraint: Member must have length less than or equal to 1024000");
    }

    // ---- S3 destinations

    @Test
    void bufferingHintsAreOneTo128MiBAndZeroTo900Seconds() {
        assertThat(destination("\"BufferingHints\": {\"SizeInMBs\": 1, \"IntervalInSeconds\": 0}").bufferingHints())
                .isEqualTo(new BufferingHints(1, 0));
        assertThat(destination("\"BufferingHints\": {\"SizeInMBs\": 128, \"IntervalInSeconds\": 900}").bufferingHints())
                .isEqualTo(new BufferingHints(128, 900));
        assertThat(destination("\"CompressionFormat\": \"GZIP\"").bufferingHints()).as("AWS's default for S3")
                .isEqualTo(new BufferingHints(5, 300));
        refused(Action.CREATE_DELIVERY_STREAM, create("\"BufferingHints\": {\"SizeInMBs\": 0, \"IntervalInSeconds\": 901}"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("2 validation errors detected:"
                        + " Value '0' at 'extendedS3DestinationConfiguration.bufferingHints.sizeInMBs' failed to satisfy constraint:"
                        + " Member must have value greater than or equal to 1;"
                        + " Value '901' at 'extendedS3DestinationConfiguration.bufferingHints.intervalInSeconds' failed to satisfy"
                        + " constraint: Member must have value less than or equal to 900");
        refused(Action.CREATE_DELIVERY_STREAM, create("\"BufferingHints\": {\"SizeInMBs\": 129, \"IntervalInSeconds\": -1}"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("2 validation errors detected:"
                        + " Value '129' at 'extendedS3DestinationConfiguration.bufferingHints.sizeInMBs' failed to satisfy constraint:"
                        + " Member must have value less than or equal to 128;"
                        + " Value '-1' at 'extendedS3DestinationConfiguration.bufferingHints.intervalInSeconds' failed to satisfy"
                        + " constraint: Member must have value greater than or equal to 0");
    }

    @Test
    void bufferingHintsGiveBothOrNeither() {
        for (String one : List.of("{\"SizeInMBs\": 1}", "{\"IntervalInSeconds\": 60}")) {
            refused(Action.CREATE_DELIVERY_STREAM, create("\"BufferingHints\": " + one))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessage("BufferingHints must specify both SizeInMBs and IntervalInSeconds when either is specified.");
        }
        assertThat(destination("\"BufferingHints\": {}").bufferingHints()).isEqualTo(BufferingHints.S3_DEFAULT);
    }

    @Test
    void memberConstraintsAreReportedBeforeTheBothOrNeitherRule() {
        // A member's constraint is a ValidationException, checked before any of the service's own rules.
        refused(Action.CREATE_DELIVERY_STREAM, create("\"BufferingHints\": {\"SizeInMBs\": 0}"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected:"
                        + " Value '0' at 'extendedS3DestinationConfiguration.bufferingHints.sizeInMBs' failed to satisfy constraint:"
                        + " Member must have value greater than or equal to 1");
        refused(Action.CREATE_DELIVERY_STREAM, "{\"DeliveryStreamName\": \"clicks\", \"ExtendedS3DestinationConfiguration\": {"
                + "\"BucketARN\": \"arn:aws:s3:::my-bucket\", \"BufferingHints\": {\"IntervalInSeconds\": 60}}}")
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value null at 'extendedS3DestinationConfiguration.roleARN' failed to satisfy"
                        + " constraint: Member must not be null");
    }

    @Test
    void compressionFormatIsOneOfAwsValuesCaseIncluded() {
        assertThat(destination("\"CompressionFormat\": \"Snappy\"").compressionFormat()).isEqualTo(CompressionFormat.Snappy);
        assertThat(destination("\"CompressionFormat\": \"HADOOP_SNAPPY\"").compressionFormat()).isEqualTo(CompressionFormat.HADOOP_SNAPPY);
        for (String unknown : List.of("LZ4", "SNAPPY", "gzip")) {
            refused(Action.CREATE_DELIVERY_STREAM, create("\"CompressionFormat\": \"" + unknown + "\""))
                    .isInstanceOf(ValidationException.class)
                    .hasMessage("1 validation error detected: Value '" + unknown + "' at"
                            + " 'extendedS3DestinationConfiguration.compressionFormat' failed to satisfy constraint:"
                            + " Member must satisfy enum value set: [UNCOMPRESSED, GZIP, ZIP, Snappy, HADOOP_SNAPPY]");
        }
    }

    @Test
    void prefixExpressionsNeedAnErrorOutputPrefixWithTheErrorType() {
        refused(Action.CREATE_DELIVERY_STREAM, create("\"Prefix\": \"logs/!{timestamp:yyyy}/\""))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("ErrorOutputPrefix can't be null when Prefix contains expressions.");
        refused(Action.CREATE_DELIVERY_STREAM, create("\"Prefix\": \"logs/!{timestamp:yyyy}/\", \"ErrorOutputPrefix\": \"errors/\""))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("ErrorOutputPrefix must contain at least one !{firehose:error-output-type} expression.");
        S3Destination d = destination("\"Prefix\": \"logs/!{timestamp:yyyy}/\", \"ErrorOutputPrefix\": \"errors/!{firehose:error-output-type}/\"");
        assertThat(d.prefix()).isEqualTo("logs/!{timestamp:yyyy}/");
        assertThat(d.errorOutputPrefix()).isEqualTo("errors/!{firehose:error-output-type}/");
        assertThat(destination("\"Prefix\": \"logs/\"").prefix()).as("a literal Prefix needs no ErrorOutputPrefix").isEqualTo("logs/");
    }

    // ---- what Sluice does not serve is refused, never accepted and ignored

    @Test
    void destinationsOtherThanS3AndHttpEndpointsAreRefused() {
        for (String member : List.of("RedshiftDestinationConfiguration",
                "ElasticsearchDestinationConfiguration", "AmazonopensearchserviceDestinationConfiguration",
                "AmazonOpenSearchServerlessDestinationConfiguration", "SplunkDestinationConfiguration",
                "SnowflakeDestinationConfiguration", "IcebergDestinationConfiguration")) {
            refused(Action.CREATE_DELIVERY_STREAM, "{\"DeliveryStreamName\": \"clicks\", \"" + member + "\": {}}")
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessage("Sluice does not deliver to the destination " + member
                            + " yet; use ExtendedS3DestinationConfiguration or HttpEndpointDestinationConfiguration.");
        }
        refused(Action.CREATE_DELIVERY_STREAM, "{\"DeliveryStreamName\": \"clicks\"}")
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("A destination configuration must be specified: ExtendedS3DestinationConfiguration,"
                        + " S3DestinationConfiguration or HttpEndpointDestinationConfiguration.");
        refused(Action.CREATE_DELIVERY_STREAM, "{\"DeliveryStreamName\": \"clicks\", \"S3DestinationConfiguration\": {" + S3
                + "}, \"ExtendedS3DestinationConfiguration\": {" + S3 + "}}")
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Only one destination configuration may be specified.");
        refused(Action.UPDATE_DESTINATION, """
                {"DeliveryStreamName": "clicks", "CurrentDeliveryStreamVersionId": "1", "DestinationId": "destinationId-000000000001",
                 "HttpEndpointDestinationUpdate": {}, "ExtendedS3DestinationUpdate": {}}""")
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Only one destination update may be specified.");
    }

    @Test
    void sourcesOtherThanDirectPutAndKinesisStreamsAreRefused() {
        refused(Action.CREATE_DELIVERY_STREAM, create("").replace("{\"DeliveryStreamName\"",
                "{\"DeliveryStreamType\": \"MSKAsSource\", \"DeliveryStreamName\""))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Sluice does not serve delivery streams of type MSKAsSource.");
    }

    @Test
    void aKinesisStreamSourceNamesItsStreamAndRoleByArn() {
        String source = "\"KinesisStreamSourceConfiguration\": {\"KinesisStreamARN\": \"arn:aws:kinesis:us-east-1:000000000000:stream/clicks\","
                + " \"RoleARN\": \"arn:aws:iam::000000000000:role/firehose\"}";
        CreateDeliveryStreamRequest r = (CreateDeliveryStreamRequest) read(Action.CREATE_DELIVERY_STREAM, create("").replace(
                "{\"DeliveryStreamName\"", "{\"DeliveryStreamType\": \"KinesisStreamAsSource\", " + source + ", \"DeliveryStreamName\""));
        assertThat(r.type()).isEqualTo(DeliveryStreamType.KinesisStreamAsSource);
        assertThat(r.kinesisSource()).isEqualTo(new KinesisStreamSource("arn:aws:kinesis:us-east-1:000000000000:stream/clicks",
                "arn:aws:iam::000000000000:role/firehose"));
        assertThat(r.kinesisSource().streamName()).isEqualTo("clicks");

        refused(Action.CREATE_DELIVERY_STREAM, create("").replace("{\"DeliveryStreamName\"",
                "{\"DeliveryStreamType\": \"KinesisStreamAsSource\", \"DeliveryStreamName\""))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("KinesisStreamSourceConfiguration is required when DeliveryStreamType is KinesisStreamAsSource.");
        refused(Action.CREATE_DELIVERY_STREAM, create("").replace("{\"DeliveryStreamName\"", "{" + source + ", \"DeliveryStreamName\""))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("KinesisStreamSourceConfiguration is only allowed with DeliveryStreamType KinesisStreamAsSource.");
        refused(Action.CREATE_DELIVERY_STREAM, create("").replace("{\"DeliveryStreamName\"",
                "{\"DeliveryStreamType\": \"KinesisStreamAsSource\", \"KinesisStreamSourceConfiguration\": {\"KinesisStreamARN\":"
                        + " \"arn:aws:kinesis:us-east-1:000000000000:table/clicks\"}, \"DeliveryStreamName\""))
                .isInstanceOf(ValidationException.class)
                .hasMessage("2 validation errors detected: Value 'arn:aws:kinesis:us-east-1:000000000000:table/clicks' at"
                        + " 'kinesisStreamSourceConfiguration.kinesisStreamARN' failed to satisfy constraint: Member must satisfy regular"
                        + " expression pattern: arn:.*:kinesis:[a-zA-Z0-9\\-]+:\\d{12}:stream/[a-zA-Z0-9_.-]+; Value null at"
                        + " 'kinesisStreamSourceConfiguration.roleARN' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void unservedProcessorsAndDynamicPartitioningAreRefusedUnlessDisabled() {
        refused(Action.CREATE_DELIVERY_STREAM, create("\"ProcessingConfiguration\": {\"Enabled\": true, \"Processors\":"
                + " [{\"Type\": \"CloudWatchLogProcessing\"}]}"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Sluice does not serve the CloudWatchLogProcessing processor yet; it serves RecordDeAggregation, Lambda,"
                        + " MetadataExtraction and AppendDelimiterToRecord.");
        refused(Action.CREATE_DELIVERY_STREAM, create("\"ProcessingConfiguration\": {\"Processors\": [{\"Type\": \"Lambda\"}]}"))
                .as("Enabled left out is true when processors are given")
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("LambdaArn is required when Lambda processor is used.");

        S3Destination disabled = destination("\"ProcessingConfiguration\": {\"Enabled\": false},"
                + " \"DataFormatConversionConfiguration\": {\"Enabled\": false}, \"DynamicPartitioningConfiguration\": {\"Enabled\": false},"
                + " \"S3BackupMode\": \"Disabled\"");
        assertThat(disabled).isEqualTo(DeliveryFixtures.destination("my-bucket", BufferingHints.S3_DEFAULT, CompressionFormat.UNCOMPRESSED)
                .withConversion(new DataFormatConversion(false, null, null, null, null, null, List.of())));
    }

    // ---- format conversion

    private static final String SCHEMA = "\"SchemaConfiguration\": {\"RoleARN\": \"arn:aws:iam::000000000000:role/firehose\","
            + " \"DatabaseName\": \"analytics\", \"TableName\": \"events\"}";
    private static final String OPENX = "\"InputFormatConfiguration\": {\"Deserializer\": {\"OpenXJsonSerDe\": {}}}";
    private static final String PARQUET = "\"OutputFormatConfiguration\": {\"Serializer\": {\"ParquetSerDe\": {}}}";

    private static String conversion(String... members) {
        return "\"DataFormatConversionConfiguration\": {" + String.join(", ", members) + "}";
    }

    @Test
    void formatConversionIsReadWithItsDefaultsAndNamesParquetOrOrcObjects() {
        S3Destination parquet = destination(conversion(SCHEMA, OPENX, PARQUET));
        assertThat(parquet.conversion()).isEqualTo(new DataFormatConversion(true,
                new DataFormatConversion.OpenXJsonSerDe(null, null, null), null,
                new DataFormatConversion.ParquetSerDe(null, null, null, null, null, null), null,
                new DataFormatConversion.SchemaConfiguration("arn:aws:iam::000000000000:role/firehose", null, "analytics", "events",
                        null, null), List.of()));
        assertThat(parquet.bufferingHints()).as("AWS's default with conversion").isEqualTo(new BufferingHints(128, 300));
        assertThat(parquet.extension()).isEqualTo(".parquet");

        S3Destination orc = destination(conversion(SCHEMA,
                "\"InputFormatConfiguration\": {\"Deserializer\": {\"HiveJsonSerDe\": {\"TimestampFormats\": [\"millis\"]}}}",
                "\"OutputFormatConfiguration\": {\"Serializer\": {\"OrcSerDe\": {\"Compression\": \"ZLIB\"}}}")
                + ", \"BufferingHints\": {\"SizeInMBs\": 64, \"IntervalInSeconds\": 0}");
        assertThat(orc.conversion().hive().timestampFormats()).containsExactly("millis");
        assertThat(orc.conversion().orc().compression()).isEqualTo("ZLIB");
        assertThat(orc.bufferingHints()).isEqualTo(new BufferingHints(64, 0));
        assertThat(orc.extension()).isEqualTo(".orc");
        assertThat(destination(conversion(SCHEMA, OPENX, PARQUET) + ", \"FileExtension\": \".pq\"").extension()).isEqualTo(".pq");
    }

    @Test
    void formatConversionIsRefusedAsAwsRefusesIt() {
        refused(Action.CREATE_DELIVERY_STREAM, create(conversion(SCHEMA, OPENX, PARQUET) + ", \"CompressionFormat\": \"GZIP\""))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("The S3 destination's compression format must be set to UNCOMPRESSED when data format conversion is"
                        + " enabled. To enable compression within the converted output format, set the appropriate serialization"
                        + " option in the output format configuration.");
        refused(Action.CREATE_DELIVERY_STREAM, create(conversion(SCHEMA, OPENX, PARQUET)
                + ", \"BufferingHints\": {\"SizeInMBs\": 5, \"IntervalInSeconds\": 60}"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("BufferingHints.SizeInMBs must be at least 64 when data format conversion is enabled.");
        refused(Action.CREATE_DELIVERY_STREAM, create(conversion(SCHEMA, PARQUET)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("InputFormatConfiguration must specify exactly one deserializer: OpenXJsonSerDe or HiveJsonSerDe.");
        refused(Action.CREATE_DELIVERY_STREAM, create(conversion(SCHEMA, OPENX,
                "\"OutputFormatConfiguration\": {\"Serializer\": {\"ParquetSerDe\": {}, \"OrcSerDe\": {}}}")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("OutputFormatConfiguration must specify exactly one serializer: ParquetSerDe or OrcSerDe.");
        refused(Action.CREATE_DELIVERY_STREAM, create(conversion(OPENX, PARQUET)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("SchemaConfiguration must specify DatabaseName, TableName and RoleARN when data format conversion is enabled.");
        refused(Action.CREATE_DELIVERY_STREAM, create(conversion(SCHEMA, OPENX,
                "\"OutputFormatConfiguration\": {\"Serializer\": {\"ParquetSerDe\": {\"Compression\": \"LZO\", \"PageSizeBytes\": 1}}}")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("2 validation errors detected: Value 'LZO' at"
                        + " 'extendedS3DestinationConfiguration.dataFormatConversionConfiguration.outputFormatConfiguration.serializer"
                        + ".parquetSerDe.compression' failed to satisfy constraint: Member must satisfy enum value set:"
                        + " [UNCOMPRESSED, GZIP, SNAPPY]; Value '1' at 'extendedS3DestinationConfiguration.dataFormatConversionConfiguration"
                        + ".outputFormatConfiguration.serializer.parquetSerDe.pageSizeBytes' failed to satisfy constraint: Member must"
                        + " have value greater than or equal to 65536");
    }

    // ---- processors and dynamic partitioning

    /** AWS's dynamic partitioning example: query keys in the prefix, JQ-1.6, a size hint of 64 MiB. */
    private static final String PARTITIONED = """
            "Prefix": "customer_id=!{partitionKeyFromQuery:customer_id}/year=!{partitionKeyFromQuery:year}/",
            "ErrorOutputPrefix": "errors/!{firehose:error-output-type}/",
            "BufferingHints": {"SizeInMBs": 64, "IntervalInSeconds": 60},
            "DynamicPartitioningConfiguration": {"Enabled": true, "RetryOptions": {"DurationInSeconds": 600}},
            "ProcessingConfiguration": {"Enabled": true, "Processors": [
              {"Type": "RecordDeAggregation", "Parameters": [{"ParameterName": "SubRecordType", "ParameterValue": "JSON"}]},
              {"Type": "MetadataExtraction", "Parameters": [
                {"ParameterName": "MetadataExtractionQuery", "ParameterValue": "{customer_id: .customer_id, year: .ts | strftime(\\"%Y\\")}"},
                {"ParameterName": "JsonParsingEngine", "ParameterValue": "JQ-1.6"}]},
              {"Type": "AppendDelimiterToRecord", "Parameters": []}]}""";

    @Test
    void dynamicPartitioningWithItsProcessorsIsReadAsGiven() {
        S3Destination d = destination(PARTITIONED);
        assertThat(d.dynamicPartitioning()).isEqualTo(new DynamicPartitioning(true, 600));
        assertThat(d.bufferingHints()).isEqualTo(new BufferingHints(64, 60));
        assertThat(d.processing().processors()).extracting(Processing.Processor::type).containsExactly(
                Processing.Type.RecordDeAggregation, Processing.Type.MetadataExtraction, Processing.Type.AppendDelimiterToRecord);
        assertThat(d.processing().metadataExtraction().metadataExtractionQuery())
                .isEqualTo("{customer_id: .customer_id, year: .ts | strftime(\"%Y\")}");
        assertThat(d.processing().deAggregation().subRecordType()).isEqualTo("JSON");
        assertThat(destination(PARTITIONED.replace(", \"RetryOptions\": {\"DurationInSeconds\": 600}", "")).dynamicPartitioning())
                .isEqualTo(new DynamicPartitioning(true, 300));
    }

    @Test
    void dynamicPartitioningRulesHaveAwsMessages() {
        assertPartitionedRefused("\"SizeInMBs\": 64", "\"SizeInMBs\": 63",
                "BufferingHints.SizeInMBs must be at least 64 when Dynamic Partitioning is enabled.");
        assertPartitionedRefused("\"BufferingHints\": {\"SizeInMBs\": 64, \"IntervalInSeconds\": 60},", "",
                "BufferingHints.SizeInMBs must be at least 64 when Dynamic Partitioning is enabled.");
        assertPartitionedRefused("\"IntervalInSeconds\": 60", "\"IntervalInSeconds\": 0",
                "BufferingHints.IntervalInSeconds can't be 0 when Dynamic Partitioning is enabled: zero buffering is not available"
                        + " with dynamic partitioning.");
        assertPartitionedRefused("customer_id=!{partitionKeyFromQuery:customer_id}/year=!{partitionKeyFromQuery:year}/",
                "static/!{timestamp:yyyy}/", "S3 Prefix should contain Dynamic Partitioning namespaces when Dynamic Partitioning is enabled");
        assertPartitionedRefused("\"ErrorOutputPrefix\": \"errors/!{firehose:error-output-type}/\",", "",
                "ErrorOutputPrefix is required when dynamic partitioning is enabled.");
        assertPartitionedRefused("year=!{partitionKeyFromQuery:year}/", "",
                "MetaDataExtraction JQ Query can't contain keys that are not present in the S3 Prefix expression");
        assertPartitionedRefused("year=!{partitionKeyFromQuery:year}/", "year=!{partitionKeyFromQuery:year}/m=!{partitionKeyFromQuery:month}/",
                "S3 Prefix expression can't contain partitionKeyFromQuery keys that the MetaDataExtraction JQ Query does not produce: [month]");
        assertPartitionedRefused("year=!{partitionKeyFromQuery:year}/", "year=!{partitionKeyFromQuery:year}/t=!{partitionKeyFromLambda:tenant}/",
                "S3 Prefix uses partitionKeyFromLambda [tenant] but the ProcessingConfiguration has no Lambda processor.");
        assertPartitionedRefused("\"DurationInSeconds\": 600", "\"DurationInSeconds\": 7201", "1 validation error detected: Value '7201' at"
                + " 'extendedS3DestinationConfiguration.dynamicPartitioningConfiguration.retryOptions.durationInSeconds' failed to"
                + " satisfy constraint: Member must have value less than or equal to 7200");
        String withoutExtraction = PARTITIONED.substring(0, PARTITIONED.indexOf("\"ProcessingConfiguration\""))
                + "\"ProcessingConfiguration\": {\"Enabled\": false}";
        refused(Action.CREATE_DELIVERY_STREAM, create(withoutExtraction)).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("S3 Prefix uses partitionKeyFromQuery [customer_id, year] but the ProcessingConfiguration has no"
                        + " MetadataExtraction processor.");
    }

    @Test
    void partitioningProcessorsAndNamespacesNeedDynamicPartitioning() {
        assertPartitionedRefused("\"Enabled\": true, \"RetryOptions\"", "\"Enabled\": false, \"RetryOptions\"",
                "class com.amazonaws.services.firehose.internal.model.RecordDeAggregationProcessor can only be present when Dynamic"
                        + " Partitioning is enabled.");
        refused(Action.CREATE_DELIVERY_STREAM, create(processors("{\"Type\": \"MetadataExtraction\", \"Parameters\": ["
                + "{\"ParameterName\": \"MetadataExtractionQuery\", \"ParameterValue\": \"{k: .k}\"},"
                + " {\"ParameterName\": \"JsonParsingEngine\", \"ParameterValue\": \"JQ-1.6\"}]}")))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("class com.amazonaws.services.firehose.internal.model.MetadataExtractionProcessor can only be present when"
                        + " Dynamic Partitioning is enabled.");
        refused(Action.CREATE_DELIVERY_STREAM, create("\"Prefix\": \"k=!{partitionKeyFromLambda:k}/\","
                + " \"ErrorOutputPrefix\": \"e/!{firehose:error-output-type}/\""))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Dynamic Partitioning Namespaces can only be part of a prefix expression when Dynamic Partitioning is enabled.");
    }

    @Test
    void processorParametersAreCheckedAsAwsChecksThem() {
        String extraction = "{\"Type\": \"MetadataExtraction\", \"Parameters\": [{\"ParameterName\": \"MetadataExtractionQuery\","
                + " \"ParameterValue\": \"{k: .k}\"}%s]}";
        assertProcessorRefused(extraction.formatted(""), "MetaDataExtraction JSON Parsing Engine has to be one of JQ-1.6");
        assertProcessorRefused(extraction.formatted(", {\"ParameterName\": \"JsonParsingEngine\", \"ParameterValue\": \"JQ-1.5\"}"),
                "MetaDataExtraction JSON Parsing Engine has to be one of JQ-1.6");
        assertProcessorRefused("{\"Type\": \"MetadataExtraction\", \"Parameters\": [{\"ParameterName\": \"JsonParsingEngine\","
                + " \"ParameterValue\": \"JQ-1.6\"}]}", "MetadataExtractionQuery is required when MetadataExtraction processor is used.");
        assertProcessorRefused(deAggregation("\"CSV\""), "SubRecordType has to be one of JSON, DELIMITED");
        assertProcessorRefused(deAggregation("\"DELIMITED\""), "Delimiter should be present for DELIMITED");
        assertProcessorRefused(deAggregation("\"DELIMITED\"}, {\"ParameterName\": \"Delimiter\", \"ParameterValue\": \"not base64!\""),
                "Delimiter must be base64-encoded: Illegal base64 character 20");
        assertProcessorRefused(deAggregation("\"JSON\"}, {\"ParameterName\": \"LambdaArn\", \"ParameterValue\": \"x\""),
                "Parameter LambdaArn is not valid for the RecordDeAggregation processor.");
        String lambda = "{\"Type\": \"Lambda\", \"Parameters\": [{\"ParameterName\": \"LambdaArn\", \"ParameterValue\":"
                + " \"arn:aws:lambda:us-east-1:000000000000:function:f\"}%s]}";
        assertProcessorRefused(lambda.formatted("") + ", " + lambda.formatted(""), "Cannot have more than 1 Lambda processor.");
        assertProcessorRefused(lambda.formatted(parameter("NumberOfRetries", "301")), "Number of retries for lambda must be between 0 and 300.");
        assertProcessorRefused(lambda.formatted(parameter("BufferSizeInMBs", "0.1") + parameter("BufferIntervalInSeconds", "60")),
                "BufferSizeInMBs for lambda processor must be between 0.2 and 3.");
        assertProcessorRefused(lambda.formatted(parameter("BufferSizeInMBs", "1") + parameter("BufferIntervalInSeconds", "901")),
                "BufferIntervalInSeconds for lambda processor must be between 0 and 900.");
        assertProcessorRefused(lambda.formatted(parameter("BufferSizeInMBs", "1")),
                "Both BufferSizeInMBs and BufferIntervalInSeconds are required to configure buffering for lambda processor.");
        assertProcessorRefused("", "A maximum of 5 and a minimum of 1 processor needs to be supplied when processing is enabled.");
        refused(Action.CREATE_DELIVERY_STREAM, create(processors("{\"Type\": \"Lambda\", \"Parameters\": [{\"ParameterName\":"
                + " \"FunctionName\", \"ParameterValue\": \"f\"}]}")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value 'FunctionName' at 'extendedS3DestinationConfiguration.processingConfiguration"
                        + ".processors.1.member.parameters.1.member.parameterName' failed to satisfy constraint: Member must satisfy enum"
                        + " value set: [LambdaArn, NumberOfRetries, MetadataExtractionQuery, JsonParsingEngine, RoleArn, BufferSizeInMBs,"
                        + " BufferIntervalInSeconds, SubRecordType, Delimiter, CompressionFormat, DataMessageExtraction]");
    }

    @Test
    void aQueryOutsideTheJqSubsetIsRefusedAtCreation() {
        assertPartitionedRefused(".customer_id, year", ".customer_id | ascii_downcase, year",
                "MetadataExtractionQuery '{customer_id: .customer_id | ascii_downcase, year: .ts | strftime(\"%Y\")}' is outside the jq"
                        + " subset Sluice runs: the function ascii_downcase at position 29 is not supported; Sluice supports strftime,"
                        + " todate, tostring and tonumber.");
    }

    @Test
    void dynamicPartitioningIsChosenAtCreationOnly() {
        S3Destination partitioned = destination(PARTITIONED);
        S3Destination plain = DeliveryFixtures.destination("my-bucket", new BufferingHints(64, 60), CompressionFormat.UNCOMPRESSED);
        assertThatThrownBy(() -> update("\"DynamicPartitioningConfiguration\": {\"Enabled\": true}").applyTo(plain))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Dynamic Partitioning can only be enabled when the Firehose stream is created.");
        assertThatThrownBy(() -> update("\"DynamicPartitioningConfiguration\": {\"Enabled\": false}").applyTo(partitioned))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Dynamic Partitioning can't be disabled once it is enabled on a Firehose stream.");
        assertThat(update("\"DynamicPartitioningConfiguration\": {\"RetryOptions\": {\"DurationInSeconds\": 30}}")
                .applyTo(partitioned).dynamicPartitioning()).isEqualTo(new DynamicPartitioning(true, 30));
        assertThatThrownBy(() -> update("\"Prefix\": \"year=!{partitionKeyFromQuery:year}/\"").applyTo(partitioned))
                .as("an update is checked against the rules as a whole")
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("MetaDataExtraction JQ Query can't contain keys that are not present in the S3 Prefix expression");
    }

    private static void assertPartitionedRefused(String from, String to, String message) {
        assertThat(PARTITIONED).contains(from);
        refused(Action.CREATE_DELIVERY_STREAM, create(PARTITIONED.replace(from, to))).hasMessage(message);
    }

    private static void assertProcessorRefused(String processors, String message) {
        refused(Action.CREATE_DELIVERY_STREAM, create(processors(processors))).isInstanceOf(InvalidArgumentException.class)
                .hasMessage(message);
    }

    private static String processors(String processors) {
        return "\"ProcessingConfiguration\": {\"Enabled\": true, \"Processors\": [" + processors + "]}";
    }

    private static String deAggregation(String subRecordType) {
        return "{\"Type\": \"RecordDeAggregation\", \"Parameters\": [{\"ParameterName\": \"SubRecordType\", \"ParameterValue\": "
                + subRecordType + "}]}";
    }

    private static String parameter(String name, String value) {
        return ", {\"ParameterName\": \"" + name + "\", \"ParameterValue\": \"" + value + "\"}";
    }

    private static UpdateDestinationRequest update(String members) {
        return (UpdateDestinationRequest) read(Action.UPDATE_DESTINATION, "{\"DeliveryStreamName\": \"clicks\","
                + " \"CurrentDeliveryStreamVersionId\": \"1\", \"DestinationId\": \"destinationId-000000000001\","
                + " \"ExtendedS3DestinationUpdate\": {" + members + "}}");
    }

    @Test
    void anUpdateIsCheckedAsACreationIs() {
        UpdateDestinationRequest update = (UpdateDestinationRequest) read(Action.UPDATE_DESTINATION, """
                {"DeliveryStreamName": "clicks", "CurrentDeliveryStreamVersionId": "1", "DestinationId": "destinationId-000000000001",
                 "ExtendedS3DestinationUpdate": {"ProcessingConfiguration": {"Enabled": true, "Processors": [{"Type": "Decompression"}]}}}""");
        assertThat(update.format()).isEqualTo(WireFormat.JSON);
        S3Destination current = DeliveryFixtures.destination("my-bucket", BufferingHints.S3_DEFAULT, CompressionFormat.GZIP);
        assertThatThrownBy(() -> update.applyTo(current))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Sluice does not serve the Decompression processor yet; it serves RecordDeAggregation, Lambda,"
                        + " MetadataExtraction and AppendDelimiterToRecord.");
    }

    // ---- helpers

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(Action action, String json) {
        return assertThatThrownBy(() -> read(action, json));
    }

    /** CreateDeliveryStream of "clicks" to my-bucket; {@code members} adds members of its ExtendedS3DestinationConfiguration. */
    private static String create(String members) {
        return "{\"DeliveryStreamName\": \"clicks\", \"ExtendedS3DestinationConfiguration\": {" + S3
                + (members.isEmpty() ? "" : ", " + members) + "}}";
    }

    private static S3Destination destination(String members) {
        return ((CreateDeliveryStreamRequest) read(Action.CREATE_DELIVERY_STREAM, create(members))).destination();
    }

    /** PutRecordBatch of "clicks" with records of the given sizes. */
    private static String batch(int... sizes) throws JsonProcessingException {
        ObjectNode request = WireFormat.JSON.mapper().createObjectNode().put("DeliveryStreamName", "clicks");
        ArrayNode records = request.putArray("Records");
        for (int size : sizes) {
            records.addObject().put("Data", new byte[size]);
        }
        return WireFormat.JSON.mapper().writeValueAsString(request);
    }

    private static String record(int size) throws JsonProcessingException {
        ObjectNode request = WireFormat.JSON.mapper().createObjectNode().put("DeliveryStreamName", "clicks");
        request.putObject("Record").put("Data", new byte[size]);
        return WireFormat.JSON.mapper().writeValueAsString(request);
    }
}
