package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.delivery.DeliveryOptions;
import io.sluice.delivery.transform.RecordTransformer;
import io.sluice.delivery.transform.TransformRequest;
import io.sluice.delivery.transform.TransformResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.Processor;
import software.amazon.awssdk.services.firehose.model.ProcessorParameter;
import software.amazon.awssdk.services.firehose.model.ProcessorParameterName;
import software.amazon.awssdk.services.firehose.model.ProcessorType;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * Dynamically partitioned delivery end to end: records put with {@code FirehoseClient} land in one object per
 * partition under the prefix their keys evaluate to, with exact keys for a fixed clock, and records without their
 * keys in {@code partitioning-failed} as error documents. Keys come from a JQ query (AWS's example) and from a
 * Lambda-style function's {@code metadata.partitionKeys} after JSON de-aggregation (the case AWS CDK's own
 * integration test runs against Firehose).
 */
class FirehosePartitioningITCase {

    private static final String ARRIVAL = "2026-01-02T03:04:05Z";
    private static final long ARRIVAL_MILLIS = 1767323045000L;
    private static final String NAME_TIME = "-1-2026-01-02-03-04-05-[0-9a-f-]{36}";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** As AWS CDK's test function: key1 is the record's "foo", key2 its "bar.baz" upper-cased; data unchanged. */
    public static final class FooBarKeys implements RecordTransformer {
        @Override
        public TransformResponse transform(TransformRequest request) throws IOException {
            List<TransformResponse.Record> out = new ArrayList<>();
            for (TransformRequest.Record r : request.records()) {
                JsonNode payload = JSON.readTree(r.data());
                Map<String, String> keys = new HashMap<>();
                if (payload.has("foo")) {
                    keys.put("key1", payload.get("foo").asText());
                }
                if (payload.path("bar").has("baz")) {
                    keys.put("key2", payload.get("bar").get("baz").asText().toUpperCase(Locale.ROOT));
                }
                out.add(TransformResponse.Record.ok(r.recordId(), r.data(), keys));
            }
            return new TransformResponse(out);
        }
    }

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(4);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension FIREHOSE = SluiceExtension.firehoseWithLocalBuckets(conf -> {
        conf.set(DeliveryOptions.CLOCK, "fixed:" + ARRIVAL);
        conf.set(DeliveryOptions.QUOTA_ACTIVE_PARTITIONS, 3);
        conf.set(DeliveryOptions.THROTTLING, false); // the size test puts 64 MiB at once, beyond the 5 MiB/s Direct PUT quota
        conf.setString("sluice.firehose.functions.foo-bar-keys.class", FooBarKeys.class.getName());
    });

    @Test
    void queryKeysPartitionRecordsAndRecordsWithoutThemAreErrorDocuments() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            create(firehose, "by-customer", "customer-bucket",
                    "customer_id=!{partitionKeyFromQuery:customer_id}/device=!{partitionKeyFromQuery:device}/year=!{partitionKeyFromQuery:year}/"
                            + "month=!{partitionKeyFromQuery:month}/day=!{partitionKeyFromQuery:day}/hour=!{partitionKeyFromQuery:hour}/",
                    processor(ProcessorType.METADATA_EXTRACTION, ProcessorParameterName.METADATA_EXTRACTION_QUERY,
                            "{customer_id: .customer_id, device: .type.device, year: .event_timestamp| strftime(\"%Y\"),"
                                    + " month: .event_timestamp| strftime(\"%m\"), day: .event_timestamp| strftime(\"%d\"),"
                                    + " hour: .event_timestamp| strftime(\"%H\")}",
                            ProcessorParameterName.JSON_PARSING_ENGINE, "JQ-1.6"));
            String first = event("1234567890", "mobile", 1565382027);
            String second = event("1234567890", "desktop", 1565382027);
            String third = event("1234567890", "mobile", 1565385627);
            String fourth = event("1234567890", "mobile", 1565382030);
            String noDevice = "{\"customer_id\": \"42\", \"event_timestamp\": 1565382027}";
            firehose.putRecordBatch(b -> b.deliveryStreamName("by-customer").records(record(first), record(second), record(third),
                    record(fourth), record(noDevice)));

            List<Path> objects = FIREHOSE.buckets().awaitObjects("customer-bucket", 4);
            String partition = "customer_id=1234567890/device=%s/year=2019/month=08/day=09/hour=%s/by-customer" + NAME_TIME;
            assertThat(Files.readString(FIREHOSE.buckets().only(objects, "customer-bucket", partition.formatted("mobile", "20")))).isEqualTo(first + "\n" + fourth + "\n");
            assertThat(Files.readString(FIREHOSE.buckets().only(objects, "customer-bucket", partition.formatted("desktop", "20")))).isEqualTo(second + "\n");
            assertThat(Files.readString(FIREHOSE.buckets().only(objects, "customer-bucket", partition.formatted("mobile", "21")))).isEqualTo(third + "\n");
            List<JsonNode> docs = LocalBuckets.jsonLines(FIREHOSE.buckets().only(objects, "customer-bucket", "errors/partitioning-failed/by-customer" + NAME_TIME));
            assertThat(docs).hasSize(1);
            assertErrorDocument(docs.get(0), noDevice, "The query's key device is null for the record.");
            assertThat(docs.get(0).has("lambdaArn")).as("no function saw the record").isFalse();
        }
    }

    @Test
    void lambdaKeysPartitionDeAggregatedRecordsAsAwsCdksIntegrationTestExpects() throws Exception {
        String lambdaArn = "arn:aws:lambda:us-east-1:000000000000:function:foo-bar-keys";
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            create(firehose, "by-lambda", "lambda-bucket", "key1=!{partitionKeyFromLambda:key1}/key2=!{partitionKeyFromLambda:key2}/",
                    processor(ProcessorType.RECORD_DE_AGGREGATION, ProcessorParameterName.SUB_RECORD_TYPE, "JSON"),
                    processor(ProcessorType.LAMBDA, ProcessorParameterName.LAMBDA_ARN, lambdaArn));
            String a = "{\"foo\":\"recordA\",\"bar\":{\"baz\":\"Partition1\",\"blah\":\"blah\"},\"data\":\"data1\"}";
            String b = "{\"foo\":\"recordB\",\"bar\":{\"baz\":\"Partition2\",\"blah\":\"quux\"},\"data\":\"data2\"}";
            String c = "{\"data\":\"data3\"}";
            firehose.putRecord(r -> r.deliveryStreamName("by-lambda").record(record(a + b + c)));

            List<Path> objects = FIREHOSE.buckets().awaitObjects("lambda-bucket", 3);
            assertThat(Files.readString(FIREHOSE.buckets().only(objects, "lambda-bucket", "key1=recordA/key2=PARTITION1/by-lambda" + NAME_TIME))).isEqualTo(a + "\n");
            assertThat(Files.readString(FIREHOSE.buckets().only(objects, "lambda-bucket", "key1=recordB/key2=PARTITION2/by-lambda" + NAME_TIME))).isEqualTo(b + "\n");
            List<JsonNode> docs = LocalBuckets.jsonLines(FIREHOSE.buckets().only(objects, "lambda-bucket", "errors/partitioning-failed/by-lambda" + NAME_TIME));
            assertThat(docs).hasSize(1);
            assertErrorDocument(docs.get(0), c, "The Lambda function's metadata.partitionKeys gave no partition key key1 for the record.");
            assertThat(docs.get(0).get("lambdaArn").asText()).isEqualTo(lambdaArn);
        }
    }

    @Test
    void recordsOfPartitionsBeyondTheActivePartitionLimitGoToTheErrorOutput() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            create(firehose, "by-tenant", "tenant-bucket", "tenant=!{partitionKeyFromQuery:tenant}/",
                    processor(ProcessorType.METADATA_EXTRACTION, ProcessorParameterName.METADATA_EXTRACTION_QUERY, "{tenant: .tenant}",
                            ProcessorParameterName.JSON_PARSING_ENGINE, "JQ-1.6"));
            List<String> records = List.of("{\"tenant\":\"a\"}", "{\"tenant\":\"b\"}", "{\"tenant\":\"a\"}", "{\"tenant\":\"c\"}",
                    "{\"tenant\":\"d\"}", "{\"tenant\":\"b\"}");
            firehose.putRecordBatch(b -> b.deliveryStreamName("by-tenant").records(records.stream().map(FirehosePartitioningITCase::record).toList()));

            // sluice.firehose.quota.active-partitions is 3 here: tenants a, b and c fill it, d's record goes to the error output.
            List<Path> objects = FIREHOSE.buckets().awaitObjects("tenant-bucket", 4);
            assertThat(objects).hasSize(4);
            assertThat(Files.readString(FIREHOSE.buckets().only(objects, "tenant-bucket", "tenant=a/by-tenant" + NAME_TIME))).isEqualTo(records.get(0) + "\n" + records.get(2) + "\n");
            assertThat(Files.readString(FIREHOSE.buckets().only(objects, "tenant-bucket", "tenant=b/by-tenant" + NAME_TIME))).isEqualTo(records.get(1) + "\n" + records.get(5) + "\n");
            assertThat(Files.readString(FIREHOSE.buckets().only(objects, "tenant-bucket", "tenant=c/by-tenant" + NAME_TIME))).isEqualTo(records.get(3) + "\n");
            List<JsonNode> docs = LocalBuckets.jsonLines(FIREHOSE.buckets().only(objects, "tenant-bucket", "errors/activePartitionExceeded/by-tenant" + NAME_TIME));
            assertThat(docs).hasSize(1);
            assertThat(docs.get(0).get("errorCode").asText()).isEqualTo("DynamicPartitioning.ActivePartitionsLimitExceeded");
            assertThat(docs.get(0).get("errorMessage").asText()).isEqualTo("The delivery stream has more than 3 active partitions.");
            assertThat(new String(Base64.getDecoder().decode(docs.get(0).get("rawData").asText()), StandardCharsets.UTF_8))
                    .as("the record as it came out of processing, delimiter included").isEqualTo(records.get(4) + "\n");
        }
    }

    @Test
    void aPartitionThatReachesTheSizeHintIsWrittenAloneWhileAnotherWaitsForItsInterval() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            create(firehose, "by-size", "size-bucket", "tenant=!{partitionKeyFromQuery:tenant}/", 900,
                    processor(ProcessorType.METADATA_EXTRACTION, ProcessorParameterName.METADATA_EXTRACTION_QUERY, "{tenant: .tenant}",
                            ProcessorParameterName.JSON_PARSING_ENGINE, "JQ-1.6"));
            String small = "{\"tenant\":\"small\"}";
            firehose.putRecord(r -> r.deliveryStreamName("by-size").record(record(small)));
            // 128 records of 512 KiB with their delimiter: "big" holds exactly the 64 MiB size hint after the last one.
            List<String> big = new ArrayList<>();
            for (int i = 0; i < 128; i++) {
                String head = "{\"tenant\":\"big\",\"n\":" + (1000 + i) + ",\"pad\":\"";
                big.add(head + "x".repeat(512 * 1024 - 1 - head.length() - 2) + "\"}");
            }
            for (int from = 0; from < big.size(); from += 7) {
                List<Record> batch = big.subList(from, Math.min(from + 7, big.size())).stream().map(FirehosePartitioningITCase::record).toList();
                assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName("by-size").records(batch)).failedPutCount()).isZero();
            }

            List<Path> objects = FIREHOSE.buckets().awaitObjects("size-bucket", 1);
            Path bigObject = FIREHOSE.buckets().only(objects, "size-bucket", "tenant=big/by-size" + NAME_TIME);
            assertThat(Files.size(bigObject)).isEqualTo(64L * 1024 * 1024);
            assertThat(Files.readString(bigObject)).isEqualTo(String.join("\n", big) + "\n");

            // "small" waits for its 900 s interval; deleting the stream delivers what it still buffers.
            assertThat(FIREHOSE.buckets().objects("size-bucket")).as("small has not reached its interval").hasSize(1);
            firehose.deleteDeliveryStream(b -> b.deliveryStreamName("by-size"));
            objects = FIREHOSE.buckets().awaitObjects("size-bucket", 2);
            assertThat(Files.readString(FIREHOSE.buckets().only(objects, "size-bucket", "tenant=small/by-size" + NAME_TIME)))
                    .isEqualTo(small + "\n");
        }
    }

    private static void create(FirehoseClient firehose, String name, String bucket, String prefix, Processor... processors) {
        create(firehose, name, bucket, prefix, 1, processors);
    }

    private static void create(FirehoseClient firehose, String name, String bucket, String prefix, int intervalSeconds,
            Processor... processors) {
        List<Processor> all = new ArrayList<>(List.of(processors));
        all.add(Processor.builder().type(ProcessorType.APPEND_DELIMITER_TO_RECORD).build());
        firehose.createDeliveryStream(b -> b.deliveryStreamName(name).deliveryStreamType("DirectPut")
                .extendedS3DestinationConfiguration(d -> d.roleARN("arn:aws:iam::000000000000:role/firehose")
                        .bucketARN("arn:aws:s3:::" + bucket).prefix(prefix).errorOutputPrefix("errors/!{firehose:error-output-type}/")
                        .bufferingHints(h -> h.sizeInMBs(64).intervalInSeconds(intervalSeconds))
                        .dynamicPartitioningConfiguration(p -> p.enabled(true))
                        .processingConfiguration(p -> p.enabled(true).processors(all))));
        FirehoseStreams.awaitActive(firehose, name);
    }

    private static Processor processor(ProcessorType type, Object... parameters) {
        List<ProcessorParameter> list = new ArrayList<>();
        for (int i = 0; i < parameters.length; i += 2) {
            list.add(ProcessorParameter.builder().parameterName((ProcessorParameterName) parameters[i])
                    .parameterValue((String) parameters[i + 1]).build());
        }
        return Processor.builder().type(type).parameters(list).build();
    }

    private static String event(String customer, String device, long timestamp) {
        return "{\"type\": {\"device\": \"" + device + "\", \"event\": \"user_clicked_submit_button\"}, \"customer_id\": \"" + customer
                + "\", \"event_timestamp\": " + timestamp + ", \"region\": \"sample_region\"}";
    }

    private static Record record(String data) {
        return Record.builder().data(SdkBytes.fromUtf8String(data)).build();
    }

    private static void assertErrorDocument(JsonNode doc, String rawData, String message) {
        assertThat(doc.get("attemptsMade").asInt()).isEqualTo(1);
        assertThat(doc.get("arrivalTimestamp").asLong()).isEqualTo(ARRIVAL_MILLIS);
        assertThat(doc.get("errorCode").asText()).isEqualTo("DynamicPartitioning.MetadataExtractionFailed");
        assertThat(doc.get("errorMessage").asText()).isEqualTo(message);
        assertThat(doc.get("attemptEndingTimestamp").asLong()).isEqualTo(ARRIVAL_MILLIS);
        assertThat(new String(Base64.getDecoder().decode(doc.get("rawData").asText()), StandardCharsets.UTF_8)).isEqualTo(rawData);
    }
}
