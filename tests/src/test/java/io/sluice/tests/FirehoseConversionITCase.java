package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.delivery.DeliveryOptions;
import io.sluice.delivery.convert.ConvertedObjectReader;
import io.sluice.delivery.convert.GlueSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DataFormatConversionConfiguration;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * Format conversion with the AWS SDK: JSON records converted to Parquet (OpenX SerDe) and to ORC (Hive SerDe) against
 * Glue tables kept in {@code sluice.firehose.schema-dir}, read back with Parquet's and ORC's own readers; a malformed
 * record and one of the wrong type become AWS's {@code format-conversion-failed} documents; bad configurations and a
 * missing table get AWS's errors.
 */
class FirehoseConversionITCase {

    private static final String ARRIVAL = "2026-01-02T03:04:05Z";
    private static final long ARRIVAL_MILLIS = 1767323045000L;
    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<GlueSchema.Column> COLUMNS = List.of(new GlueSchema.Column("id", "bigint"),
            new GlueSchema.Column("name", "string"), new GlueSchema.Column("ts", "timestamp"),
            new GlueSchema.Column("tags", "array<string>"), new GlueSchema.Column("price", "decimal(6,2)"));
    private static final Path SCHEMAS = schemas();

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(4);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension FIREHOSE = SluiceExtension.firehoseWithLocalBuckets(conf -> {
        conf.set(DeliveryOptions.CLOCK, "fixed:" + ARRIVAL);
        conf.set(DeliveryOptions.SCHEMA_DIR, SCHEMAS.toString());
    });

    @AfterAll
    static void deleteSchemas() throws IOException {
        TestDirs.delete(SCHEMAS);
    }

    @Test
    void parquetObjectsHoldTheRowsAndRecordsThatDoNotConvertBecomeErrorDocuments() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            create(firehose, "to-parquet", "parquet-bucket", c -> c
                    .inputFormatConfiguration(i -> i.deserializer(d -> d.openXJsonSerDe(o -> o.columnToJsonKeyMappings(
                            Map.of("name", "user.name")))))
                    .outputFormatConfiguration(o -> o.serializer(s -> s.parquetSerDe(p -> p.compression("GZIP")))));
            firehose.putRecordBatch(b -> b.deliveryStreamName("to-parquet").records(
                    record("{\"Id\": 1, \"user.name\": \"ann\", \"TS\": \"2026-01-02T03:04:05.678Z\", \"tags\": [\"x\", \"y\"],"
                            + " \"price\": 9.5}\n"),
                    record("{\"id\": 2}{\"id\": \"3\", \"ts\": 1767323045, \"price\": \"0.125\"}"),
                    record("{\"id\": 4, \"name\": "),
                    record("{\"id\": \"four\"}")));

            List<Path> objects = FIREHOSE.buckets().awaitObjects("parquet-bucket", 2);
            Path data = FIREHOSE.buckets().only(objects, "parquet-bucket", "2026/01/02/03/to-parquet-1-2026-01-02-03-04-05-[0-9a-f-]{36}\\.parquet");
            assertThat(ConvertedObjectReader.parquet(Files.readAllBytes(data), COLUMNS)).containsExactly(
                    Arrays.asList(1L, "ann", Instant.parse("2026-01-02T03:04:05.678Z"), List.of("x", "y"), new BigDecimal("9.50")),
                    Arrays.asList(2L, null, null, null, null),
                    Arrays.asList(3L, null, Instant.parse("2026-01-02T03:04:05Z"), null, new BigDecimal("0.13")));

            Path errors = FIREHOSE.buckets().only(objects, "parquet-bucket",
                    "format-conversion-failed/2026/01/02/03/to-parquet-1-2026-01-02-03-04-05-[0-9a-f-]{36}");
            List<String> lines = Files.readAllLines(errors);
            assertThat(lines).hasSize(2);
            JsonNode malformed = JSON.readTree(lines.get(0));
            assertThat(malformed.get("lastErrorCode").asText()).isEqualTo("DataFormatConversion.ParseError");
            assertThat(malformed.get("lastErrorMessage").asText()).startsWith("The record is not valid JSON: Unexpected end-of-input");
            ((ObjectNode) malformed).put("lastErrorMessage", "(checked above)");
            assertThat(malformed).isEqualTo(errorDocument("{\"id\": 4, \"name\": ", "DataFormatConversion.ParseError", "(checked above)"));
            assertThat(lines.get(1)).isEqualTo(JSON.writeValueAsString(errorDocument("{\"id\": \"four\"}",
                    "DataFormatConversion.MalformedData", "The value \"four\" of column id is not of its type bigint.")));
        }
    }

    @Test
    void orcObjectsHoldTheRowsReadByTheHiveSerDesFormats() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            create(firehose, "to-orc", "orc-bucket", c -> c
                    .inputFormatConfiguration(i -> i.deserializer(d -> d.hiveJsonSerDe(h -> h.timestampFormats("millis", "dd/MM/yyyy HH:mm"))))
                    .outputFormatConfiguration(o -> o.serializer(s -> s.orcSerDe(orc -> orc.compression("ZLIB")))));
            firehose.putRecordBatch(b -> b.deliveryStreamName("to-orc").records(
                    record("{\"ID\": 10, \"Name\": \"bo\", \"ts\": 1767323045123, \"tags\": []}"),
                    record("{\"id\": 11, \"ts\": \"02/01/2026 03:04\", \"price\": -1}")));

            List<Path> objects = FIREHOSE.buckets().awaitObjects("orc-bucket", 1);
            Path data = FIREHOSE.buckets().only(objects, "orc-bucket", "2026/01/02/03/to-orc-1-2026-01-02-03-04-05-[0-9a-f-]{36}\\.orc");
            assertThat(ConvertedObjectReader.orc(Files.readAllBytes(data), COLUMNS)).containsExactly(
                    Arrays.asList(10L, "bo", Instant.parse("2026-01-02T03:04:05.123Z"), List.of(), null),
                    Arrays.asList(11L, null, Instant.parse("2026-01-02T03:04:00Z"), null, new BigDecimal("-1.00")));

            DataFormatConversionConfiguration described = firehose.describeDeliveryStream(b -> b.deliveryStreamName("to-orc"))
                    .deliveryStreamDescription().destinations().get(0).extendedS3DestinationDescription().dataFormatConversionConfiguration();
            assertThat(described).isEqualTo(DataFormatConversionConfiguration.builder().enabled(true)
                    .schemaConfiguration(s -> s.roleARN(ROLE).databaseName("analytics").tableName("events"))
                    .inputFormatConfiguration(i -> i.deserializer(d -> d.hiveJsonSerDe(h -> h.timestampFormats("millis", "dd/MM/yyyy HH:mm"))))
                    .outputFormatConfiguration(o -> o.serializer(s -> s.orcSerDe(orc -> orc.compression("ZLIB"))))
                    .build());
            assertThat(firehose.describeDeliveryStream(b -> b.deliveryStreamName("to-orc")).deliveryStreamDescription().destinations()
                    .get(0).extendedS3DestinationDescription().bufferingHints().sizeInMBs()).isEqualTo(64);
        }
    }

    @Test
    void badConfigurationsAndMissingTablesGetAwsErrors() {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            Consumer<DataFormatConversionConfiguration.Builder> parquet = c -> c
                    .inputFormatConfiguration(i -> i.deserializer(d -> d.openXJsonSerDe(o -> {})))
                    .outputFormatConfiguration(o -> o.serializer(s -> s.parquetSerDe(p -> {})));
            assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("gzip-too").deliveryStreamType("DirectPut")
                    .extendedS3DestinationConfiguration(destination("b", "events", parquet).toBuilder().compressionFormat("GZIP").build())))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageStartingWith("The S3 destination's compression format must be set to UNCOMPRESSED when data format"
                            + " conversion is enabled.");
            assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("small").deliveryStreamType("DirectPut")
                    .extendedS3DestinationConfiguration(destination("b", "events", parquet).toBuilder()
                            .bufferingHints(h -> h.sizeInMBs(5).intervalInSeconds(60)).build())))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageStartingWith("BufferingHints.SizeInMBs must be at least 64 when data format conversion is enabled.");
            assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("no-table").deliveryStreamType("DirectPut")
                    .extendedS3DestinationConfiguration(destination("b", "nope", parquet))))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageStartingWith("The AWS Glue table analytics.nope does not exist");

            create(firehose, "then-missing", "b", parquet);
            assertThatThrownBy(() -> firehose.updateDestination(u -> u.deliveryStreamName("then-missing").currentDeliveryStreamVersionId("1")
                    .destinationId("destinationId-000000000001")
                    .extendedS3DestinationUpdate(d -> d.dataFormatConversionConfiguration(c -> {
                        parquet.accept(c);
                        c.schemaConfiguration(s -> s.roleARN(ROLE).databaseName("analytics").tableName("gone"));
                    }))))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageStartingWith("The AWS Glue table analytics.gone does not exist");
        }
    }

    private static ObjectNode errorDocument(String rawData, String code, String message) {
        ObjectNode doc = JSON.createObjectNode()
                .put("attemptsMade", 1)
                .put("arrivalTimestamp", ARRIVAL_MILLIS)
                .put("lastErrorCode", code)
                .put("lastErrorMessage", message)
                .put("attemptEndingTimestamp", ARRIVAL_MILLIS)
                .put("rawData", Base64.getEncoder().encodeToString(rawData.getBytes(StandardCharsets.UTF_8)))
                .putNull("sequenceNumber")
                .putNull("subSequenceNumber");
        doc.putObject("dataCatalogTable").putNull("catalogId").put("databaseName", "analytics").put("tableName", "events")
                .putNull("region").put("versionId", "LATEST").put("roleArn", ROLE);
        return doc;
    }

    private static void create(FirehoseClient firehose, String name, String bucket,
            Consumer<DataFormatConversionConfiguration.Builder> conversion) {
        firehose.createDeliveryStream(b -> b.deliveryStreamName(name).deliveryStreamType("DirectPut")
                .extendedS3DestinationConfiguration(destination(bucket, "events", conversion)));
        FirehoseStreams.awaitActive(firehose, name);
    }

    /** A destination converting against analytics.TABLE, buffering 64 MiB or no time (so a flush follows each put). */
    private static ExtendedS3DestinationConfiguration destination(String bucket, String table,
            Consumer<DataFormatConversionConfiguration.Builder> conversion) {
        return ExtendedS3DestinationConfiguration.builder().roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket)
                .bufferingHints(h -> h.sizeInMBs(64).intervalInSeconds(0))
                .dataFormatConversionConfiguration(c -> {
                    c.enabled(true).schemaConfiguration(s -> s.roleARN(ROLE).databaseName("analytics").tableName(table));
                    conversion.accept(c);
                })
                .build();
    }

    private static Record record(String data) {
        return Record.builder().data(SdkBytes.fromUtf8String(data)).build();
    }

    /** The schema directory with the table analytics.events. */
    private static Path schemas() {
        Path dir = TestDirs.create("sluice-schemas-");
        try {
            Files.createDirectories(dir.resolve("analytics"));
            List<String> columns = new ArrayList<>();
            for (GlueSchema.Column c : COLUMNS) {
                columns.add("{\"Name\": \"" + c.name() + "\", \"Type\": \"" + c.type() + "\"}");
            }
            Files.writeString(dir.resolve("analytics").resolve("events.json"), "{\"Columns\": [" + String.join(", ", columns) + "]}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
