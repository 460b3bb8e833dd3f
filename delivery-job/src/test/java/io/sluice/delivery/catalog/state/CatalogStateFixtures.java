package io.sluice.delivery.catalog.state;

import io.sluice.delivery.DeliveryFixtures;
import io.sluice.delivery.api.BufferingHints;
import io.sluice.delivery.api.DataFormatConversion;
import io.sluice.delivery.api.DeliveryStreamType;
import io.sluice.delivery.api.DynamicPartitioning;
import io.sluice.delivery.api.HttpEndpointDestination;
import io.sluice.delivery.api.KinesisStreamSource;
import io.sluice.delivery.api.Processing;
import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.api.Tag;
import io.sluice.delivery.catalog.DeliveryStream;
import io.sluice.delivery.catalog.DeliveryStreamStatus;
import io.sluice.delivery.convert.GlueSchema;
import io.sluice.delivery.s3.CompressionFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivery streams of every destination kind, fully populated and minimal, for the catalog state tests. Their order and
 * contents are those of the golden files under {@code src/test/resources/catalog-state/}: change them only with those.
 */
public final class CatalogStateFixtures {

    private static final String ROLE = DeliveryFixtures.ROLE_ARN;
    private static final long CREATED = 1_767_225_600_000L;
    private static final long UPDATED = 1_767_323_045_000L;

    private CatalogStateFixtures() {}

    /** Every fixture stream, in a fixed order. */
    public static List<DeliveryStream> everyKind() {
        return List.of(extendedS3Full(), parquetConversion(), orcConversion(), plainS3Minimal(), httpEndpointFull(),
                httpEndpointMinimal(), kinesisSourced(), everyNullableNull());
    }

    /** A typical stream: extended S3, GZIP, a Lambda transform, two tags (the one the size and time figures are of). */
    public static DeliveryStream typical() {
        S3Destination destination = new S3Destination(true, ROLE, "arn:aws:s3:::clickstream-archive", "clicks/", "clicks-errors/",
                new BufferingHints(5, 300), CompressionFormat.GZIP, null, null,
                new Processing(true, List.of(processor(Processing.Type.Lambda,
                        "LambdaArn", "arn:aws:lambda:us-east-1:000000000000:function:enrich:$LATEST", "NumberOfRetries", "3"))));
        return new DeliveryStream("clickstream", "arn:aws:firehose:us-east-1:000000000000:deliverystream/clickstream",
                DeliveryStreamStatus.ACTIVE, DeliveryStreamType.DirectPut, 2, CREATED, UPDATED, destination,
                List.of(new Tag("team", "web"), new Tag("env", "prod")));
    }

    /** Extended S3 with every member set: prefixes, hints, extension, zone, four processors, backup, partitioning, tags. */
    static DeliveryStream extendedS3Full() {
        S3Destination backup = new S3Destination(false, ROLE, "arn:aws:s3:::copy", "source/", "source-errors/",
                new BufferingHints(10, 60), CompressionFormat.ZIP, null, null);
        Processing processing = new Processing(true, List.of(
                processor(Processing.Type.RecordDeAggregation, "SubRecordType", "DELIMITED", "Delimiter", "fA=="),
                processor(Processing.Type.Lambda, "LambdaArn", "arn:aws:lambda:us-east-1:000000000000:function:csv-to-json",
                        "NumberOfRetries", "5", "BufferSizeInMBs", "0.5", "BufferIntervalInSeconds", "30"),
                processor(Processing.Type.MetadataExtraction, "MetadataExtractionQuery", "{customer: .customer_id, year: "
                        + ".ts|strftime(\"%Y\")}", "JsonParsingEngine", "JQ-1.6"),
                processor(Processing.Type.AppendDelimiterToRecord, "Delimiter", "XG4=")));
        S3Destination destination = new S3Destination(true, ROLE, "arn:aws:s3:::my-bucket",
                "customer=!{partitionKeyFromQuery:customer}/year=!{partitionKeyFromQuery:year}/",
                "errors/!{firehose:error-output-type}/!{timestamp:yyyy}/", new BufferingHints(128, 900), CompressionFormat.HADOOP_SNAPPY,
                ".json.hsnappy", "Asia/Tokyo", processing, null, backup, new DynamicPartitioning(true, 7200));
        return new DeliveryStream("s3-full", "arn:aws:firehose:us-east-1:000000000000:deliverystream/s3-full",
                DeliveryStreamStatus.ACTIVE, DeliveryStreamType.DirectPut, 7, CREATED, UPDATED, destination,
                List.of(new Tag("team", "web"), new Tag("empty", ""), new Tag("ünïcode", "✓ 値")));
    }

    /** Conversion to Parquet through OpenX, every SerDe member set, with the table's columns. */
    static DeliveryStream parquetConversion() {
        Map<String, String> mappings = new LinkedHashMap<>();
        mappings.put("ts", "timestamp");
        mappings.put("device_id", "device.id");
        DataFormatConversion conversion = new DataFormatConversion(true, new DataFormatConversion.OpenXJsonSerDe(false, mappings, true),
                null, new DataFormatConversion.ParquetSerDe("GZIP", 134_217_728, 1_048_576, false, 0, "V2"), null, schema(), columns());
        return converted("parquet", conversion);
    }

    /** Conversion to ORC through the Hive SerDe, every SerDe member set; OpenX members left null. */
    static DeliveryStream orcConversion() {
        DataFormatConversion conversion = new DataFormatConversion(true, null,
                new DataFormatConversion.HiveJsonSerDe(List.of("millis", "yyyy-MM-dd'T'HH:mm:ss")), null,
                new DataFormatConversion.OrcSerDe("ZLIB", 8_388_608, 67_108_864, 1000, true, List.of("id", "device"), "V0_11"),
                schema(), columns());
        return converted("orc", conversion).withStatus(DeliveryStreamStatus.CREATING);
    }

    /** The older {@code S3DestinationConfiguration} with only its required members, CREATING, no tags. */
    static DeliveryStream plainS3Minimal() {
        S3Destination destination = new S3Destination(false, ROLE, "arn:aws:s3:::b", null, null, BufferingHints.S3_DEFAULT,
                CompressionFormat.UNCOMPRESSED, null, null);
        return new DeliveryStream("s3-minimal", "arn:aws:firehose:us-east-1:000000000000:deliverystream/s3-minimal",
                DeliveryStreamStatus.CREATING, DeliveryStreamType.DirectPut, 1, CREATED, CREATED, destination, List.of());
    }

    /** An HTTP endpoint with every member: access key, attributes, GZIP, all data backed up, a Lambda, a full bucket. */
    static DeliveryStream httpEndpointFull() {
        S3Destination bucket = new S3Destination(false, ROLE, "arn:aws:s3:::backup", "http-backup/", "http-errors/",
                new BufferingHints(2, 60), CompressionFormat.GZIP, null, null);
        HttpEndpointDestination http = new HttpEndpointDestination("https://example.com/in", "intake", "secret-key", ROLE,
                new BufferingHints(1, 0), HttpEndpointDestination.ContentEncoding.GZIP,
                List.of(new HttpEndpointDestination.CommonAttribute("source", "sluice"),
                        new HttpEndpointDestination.CommonAttribute("empty", "")),
                3600, HttpEndpointDestination.BackupMode.AllData,
                new Processing(true, List.of(processor(Processing.Type.Lambda,
                        "LambdaArn", "arn:aws:lambda:us-east-1:000000000000:function:access-log-to-json"))), bucket);
        return DeliveryStream.toHttpEndpoint("http-full", "arn:aws:firehose:us-east-1:000000000000:deliverystream/http-full",
                DeliveryStreamStatus.ACTIVE, DeliveryStreamType.DirectPut, CREATED, http, List.of(new Tag("kind", "http")))
                .withHttpEndpoint(http, UPDATED);
    }

    /** An HTTP endpoint with only what CreateDeliveryStream requires. */
    static DeliveryStream httpEndpointMinimal() {
        S3Destination bucket = new S3Destination(false, ROLE, "arn:aws:s3:::backup", null, null, BufferingHints.S3_DEFAULT,
                CompressionFormat.UNCOMPRESSED, null, null);
        HttpEndpointDestination http = new HttpEndpointDestination("http://127.0.0.1:8080/", null, null, null,
                BufferingHints.HTTP_DEFAULT, HttpEndpointDestination.ContentEncoding.NONE, List.of(),
                HttpEndpointDestination.DEFAULT_RETRY_SECONDS, HttpEndpointDestination.BackupMode.FailedDataOnly, Processing.NONE,
                bucket);
        return DeliveryStream.toHttpEndpoint("http-minimal", "arn:aws:firehose:us-east-1:000000000000:deliverystream/http-minimal",
                DeliveryStreamStatus.CREATING, DeliveryStreamType.DirectPut, CREATED, http, List.of());
    }

    /** A {@code KinesisStreamAsSource} stream. */
    static DeliveryStream kinesisSourced() {
        return plainS3Minimal().withStatus(DeliveryStreamStatus.ACTIVE)
                .withKinesisSource(new KinesisStreamSource("arn:aws:kinesis:us-east-1:000000000000:stream/clicks", ROLE))
                .withTags(List.of(new Tag("source", "kinesis")));
    }

    /** Every member that may be null is: the null markers of each level. */
    static DeliveryStream everyNullableNull() {
        S3Destination destination = new S3Destination(true, null, null, null, null, null, null, null, null, null, null, null, null);
        return new DeliveryStream("nulls", null, null, null, 0, 0L, 0L, destination, null, null, null);
    }

    private static DeliveryStream converted(String name, DataFormatConversion conversion) {
        S3Destination destination = DeliveryFixtures.destination("my-bucket", new BufferingHints(64, 0), CompressionFormat.UNCOMPRESSED)
                .withConversion(conversion);
        return DeliveryFixtures.activeStream(name, CREATED, destination);
    }

    private static DataFormatConversion.SchemaConfiguration schema() {
        return new DataFormatConversion.SchemaConfiguration(ROLE, "123456789012", "analytics", "events", "us-east-1", "LATEST");
    }

    private static List<GlueSchema.Column> columns() {
        return List.of(new GlueSchema.Column("id", "bigint"), new GlueSchema.Column("ts", "timestamp"),
                new GlueSchema.Column("device", "struct<model:string,readings:array<double>>"));
    }

    private static Processing.Processor processor(Processing.Type type, String... namesAndValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Processing.Processor(type, parameters);
    }
}
