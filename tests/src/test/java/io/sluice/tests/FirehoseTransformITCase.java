package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.sluice.delivery.DeliveryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.Processor;
import software.amazon.awssdk.services.firehose.model.ProcessorParameter;
import software.amazon.awssdk.services.firehose.model.ProcessorParameterName;
import software.amazon.awssdk.services.firehose.model.ProcessorType;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * Lambda-style transformations of delivery streams, with AWS's event and answer: a Java function that
 * keeps, drops and fails records; an HTTP function that fails twice and then answers; a function that
 * always fails and one that forgets recordIds (their records go to {@code processing-failed/} as AWS's
 * error documents); the CSV blueprint; and an unknown function refused at creation.
 */
class FirehoseTransformITCase {

    private static final String ARRIVAL = "2026-01-02T03:04:05Z";
    private static final long ARRIVAL_MILLIS = 1767323045000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The HTTP function: answers 500 to its first two calls, then upper-cases every record. */
    private static final AtomicInteger HTTP_CALLS = new AtomicInteger();
    private static final List<JsonNode> HTTP_EVENTS = new CopyOnWriteArrayList<>();
    private static final HttpServer HTTP_FUNCTION = httpFunction();

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(4);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension FIREHOSE = SluiceExtension.firehoseWithLocalBuckets(conf -> {
        conf.set(DeliveryOptions.CLOCK, "fixed:" + ARRIVAL);
        conf.setString("sluice.firehose.functions.shout.class", TestTransformers.Shout.class.getName());
        conf.setString("sluice.firehose.functions.broken.class", TestTransformers.Broken.class.getName());
        conf.setString("sluice.firehose.functions.forgetful.class", TestTransformers.Forgetful.class.getName());
        conf.setString("sluice.firehose.functions.csv-to-json.class", "io.sluice.delivery.transform.blueprints.CsvToJson");
        conf.setString("sluice.firehose.functions.flaky.url", "http://127.0.0.1:" + HTTP_FUNCTION.getAddress().getPort() + "/transform");
    });

    @AfterAll
    static void stop() throws IOException {
        HTTP_FUNCTION.stop(0);
    }

    @Test
    void okRecordsAreTransformedDroppedOnesVanishAndFailedOnesBecomeErrorDocuments() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            create(firehose, "shouting", "shout-bucket", lambda("shout", Map.of()));
            firehose.putRecordBatch(b -> b.deliveryStreamName("shouting").records(record("hello"), record("drop me"),
                    record("fail me"), record("world")));
            List<Path> objects = awaitObjects("shout-bucket", 2);
            Path data = FIREHOSE.buckets().only(objects, "shout-bucket", "2026/01/02/03/shouting-1-2026-01-02-03-04-05-[0-9a-f-]{36}");
            assertThat(Files.readString(data)).isEqualTo("HELLO\nWORLD\n");
            Path errors = FIREHOSE.buckets().only(objects, "shout-bucket", "processing-failed/2026/01/02/03/shouting-1-2026-01-02-03-04-05-[0-9a-f-]{36}");
            List<JsonNode> docs = LocalBuckets.jsonLines(errors);
            assertThat(docs).hasSize(1);
            assertErrorDocument(docs.get(0), 1, "Lambda.ProcessingFailedStatus", "fail me", "shout");
        }
    }

    @Test
    void anHttpFunctionThatFailsTwiceIsRetriedAndGetsAwsLambdaEvent() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            create(firehose, "over-http", "http-bucket", lambda("flaky", Map.of(ProcessorParameterName.NUMBER_OF_RETRIES, "3")));
            firehose.putRecordBatch(b -> b.deliveryStreamName("over-http").records(record("a"), record("b")));
            List<Path> objects = awaitObjects("http-bucket", 1);
            assertThat(Files.readString(objects.get(0))).isEqualTo("AB");
            assertThat(HTTP_CALLS.get()).isEqualTo(3);
            JsonNode event = HTTP_EVENTS.get(2);
            assertThat(event.get("deliveryStreamArn").asText()).isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/over-http");
            assertThat(event.get("region").asText()).isEqualTo("us-east-1");
            assertThat(event.get("invocationId").asText()).matches("[0-9a-f-]{36}");
            assertThat(event.get("records")).hasSize(2);
            assertThat(event.get("records").get(0).get("approximateArrivalTimestamp").asLong()).isEqualTo(ARRIVAL_MILLIS);
            assertThat(event.get("records").get(1).get("data").asText()).isEqualTo(Base64.getEncoder().encodeToString("b".getBytes()));
            assertThat(event.get("records").get(0).get("recordId").asText()).isNotEqualTo(event.get("records").get(1).get("recordId").asText());
        }
    }

    @Test
    void aFunctionThatAlwaysFailsSendsTheWholeBatchToTheErrorOutputAfterItsRetries() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            create(firehose, "doomed", "broken-bucket", lambda("broken", Map.of(ProcessorParameterName.NUMBER_OF_RETRIES, "1")));
            firehose.putRecordBatch(b -> b.deliveryStreamName("doomed").records(record("x"), record("y")));
            List<Path> objects = awaitObjects("broken-bucket", 1);
            Path errors = FIREHOSE.buckets().only(objects, "broken-bucket", "processing-failed/2026/01/02/03/doomed-1-2026-01-02-03-04-05-[0-9a-f-]{36}");
            List<JsonNode> docs = LocalBuckets.jsonLines(errors);
            assertThat(docs).hasSize(2);
            assertErrorDocument(docs.get(0), 2, "Lambda.FunctionError", "x", "broken");
            assertErrorDocument(docs.get(1), 2, "Lambda.FunctionError", "y", "broken");
            assertThat(docs.get(0).get("errorMessage").asText()).contains("broken on purpose");
        }
    }

    @Test
    void anAnswerWithoutEveryRecordIdFailsTheBatch() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            create(firehose, "forgotten", "forgetful-bucket", lambda("forgetful", Map.of(ProcessorParameterName.NUMBER_OF_RETRIES, "0")));
            firehose.putRecordBatch(b -> b.deliveryStreamName("forgotten").records(record("kept?"), record("forgotten")));
            List<Path> objects = awaitObjects("forgetful-bucket", 1);
            List<JsonNode> docs = LocalBuckets.jsonLines(FIREHOSE.buckets().only(objects, "forgetful-bucket", "processing-failed/.*"));
            assertThat(docs).extracting(d -> d.get("errorCode").asText()).containsExactly("Lambda.MissingRecordId", "Lambda.MissingRecordId");
        }
    }

    @Test
    void theCsvBlueprintTurnsLinesIntoJson() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            create(firehose, "csv", "csv-bucket", lambda("csv-to-json", Map.of()));
            firehose.putRecordBatch(b -> b.deliveryStreamName("csv").records(record("a,\"b,c\",d\n"), record("1,2\n")));
            List<Path> objects = awaitObjects("csv-bucket", 1);
            assertThat(Files.readString(objects.get(0))).isEqualTo("{\"c0\":\"a\",\"c1\":\"b,c\",\"c2\":\"d\"}\n{\"c0\":\"1\",\"c1\":\"2\"}\n");
        }
    }

    @Test
    void anUnknownFunctionIsRefusedAtCreation() {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            assertThatThrownBy(() -> create(firehose, "nobody", "nobody-bucket", lambda("nobody", Map.of())))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("Lambda function arn:aws:lambda:us-east-1:000000000000:function:nobody:$LATEST does not exist");
        }
    }

    private static void create(FirehoseClient firehose, String name, String bucket, Processor processor) {
        firehose.createDeliveryStream(b -> b.deliveryStreamName(name).deliveryStreamType("DirectPut")
                .extendedS3DestinationConfiguration(d -> d.roleARN("arn:aws:iam::000000000000:role/firehose")
                        .bucketARN("arn:aws:s3:::" + bucket)
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                        .processingConfiguration(p -> p.enabled(true).processors(processor))));
        FirehoseStreams.awaitActive(firehose, name);
    }

    private static Processor lambda(String function, Map<ProcessorParameterName, String> more) {
        List<ProcessorParameter> parameters = new ArrayList<>();
        parameters.add(ProcessorParameter.builder().parameterName(ProcessorParameterName.LAMBDA_ARN)
                .parameterValue("arn:aws:lambda:us-east-1:000000000000:function:" + function + ":$LATEST").build());
        more.forEach((k, v) -> parameters.add(ProcessorParameter.builder().parameterName(k).parameterValue(v).build()));
        return Processor.builder().type(ProcessorType.LAMBDA).parameters(parameters).build();
    }

    private static void assertErrorDocument(JsonNode doc, int attempts, String code, String rawData, String function) {
        assertThat(doc.get("attemptsMade").asInt()).isEqualTo(attempts);
        assertThat(doc.get("arrivalTimestamp").asLong()).isEqualTo(ARRIVAL_MILLIS);
        assertThat(doc.get("errorCode").asText()).isEqualTo(code);
        assertThat(doc.get("errorMessage").asText()).isNotBlank();
        assertThat(doc.get("attemptEndingTimestamp").asLong()).isEqualTo(ARRIVAL_MILLIS);
        assertThat(new String(Base64.getDecoder().decode(doc.get("rawData").asText()), StandardCharsets.UTF_8)).isEqualTo(rawData);
        assertThat(doc.get("lambdaArn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:" + function + ":$LATEST");
    }


    private static List<Path> awaitObjects(String bucket, int count) throws InterruptedException {
        return FIREHOSE.buckets().awaitObjects(bucket, count);
    }


    private static Record record(String data) {
        return Record.builder().data(SdkBytes.fromUtf8String(data)).build();
    }

    private static HttpServer httpFunction() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/transform", exchange -> {
                JsonNode event = JSON.readTree(exchange.getRequestBody());
                HTTP_EVENTS.add(event);
                byte[] body;
                int status;
                if (HTTP_CALLS.incrementAndGet() <= 2) {
                    status = 500;
                    body = "not yet".getBytes(StandardCharsets.UTF_8);
                } else {
                    ObjectNode answer = JSON.createObjectNode();
                    ArrayNode records = answer.putArray("records");
                    for (JsonNode r : event.get("records")) {
                        String data = new String(Base64.getDecoder().decode(r.get("data").asText()), StandardCharsets.UTF_8);
                        records.addObject().put("recordId", r.get("recordId").asText()).put("result", "Ok")
                                .put("data", Base64.getEncoder().encodeToString(data.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
                    }
                    status = 200;
                    body = JSON.writeValueAsBytes(answer);
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
