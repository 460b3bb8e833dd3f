package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.sluice.delivery.DeliveryOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntPredicate;
import java.util.zip.GZIPInputStream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.ContentEncoding;
import software.amazon.awssdk.services.firehose.model.DestinationDescription;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.HttpEndpointCommonAttribute;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.HttpEndpointS3BackupMode;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.ProcessorType;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.S3BackupMode;

/**
 * The HTTP endpoint destination against endpoints on loopback (JDK {@code HttpServer}), with AWS's request and response
 * contract: an endpoint that fails twice and then takes every record (same request id and body on each attempt, AWS's
 * headers); one that never succeeds within the retry duration (its records land in the backup bucket as AWS's error
 * documents); {@code AllData} backup; GZIP bodies; and the S3 destination's own source-record backup
 * ({@code S3BackupMode Enabled}). Bad configurations get AWS's errors.
 */
class FirehoseHttpDestinationITCase {

    private static final String ARRIVAL = "2026-01-02T03:04:05Z";
    private static final long ARRIVAL_MILLIS = 1767323045000L;
    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final String ARN_PREFIX = "arn:aws:firehose:us-east-1:000000000000:deliverystream/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpServer ENDPOINTS = startEndpoints();

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(4);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension FIREHOSE = SluiceExtension.firehoseWithLocalBuckets(conf -> conf.set(DeliveryOptions.CLOCK, "fixed:" + ARRIVAL));

    @AfterAll
    static void stop() {
        ENDPOINTS.stop(0);
    }

    @Test
    void anEndpointThatFailsTwiceGetsEveryRecordOnceWithAwsHeaders() throws Exception {
        Endpoint flaky = endpoint("/flaky", attempt -> attempt > 2);
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            create(firehose, "flaky-http", http(flaky, "backup-flaky", 60, HttpEndpointS3BackupMode.FAILED_DATA_ONLY, ContentEncoding.NONE)
                    .endpointConfiguration(e -> e.url(flaky.url()).name("flaky").accessKey("the-access-key"))
                    .requestConfiguration(r -> r.commonAttributes(attribute("env", "test"), attribute("team", "")))
                    .build());
            firehose.putRecordBatch(b -> b.deliveryStreamName("flaky-http").records(record("one"), record("two"), record("three")));
            flaky.awaitRequests(3);
            List<Exchange> requests = flaky.requests();
            assertThat(requests).hasSize(3);
            String requestId = requests.get(0).headers().getFirst("X-Amz-Firehose-Request-Id");
            for (Exchange r : requests) {
                Headers h = r.headers();
                assertThat(h.getFirst("X-Amz-Firehose-Request-Id")).isEqualTo(requestId);
                assertThat(h.getFirst("X-Amz-Firehose-Protocol-Version")).isEqualTo("1.0");
                assertThat(h.getFirst("X-Amz-Firehose-Source-Arn")).isEqualTo(ARN_PREFIX + "flaky-http");
                assertThat(h.getFirst("X-Amz-Firehose-Access-Key")).isEqualTo("the-access-key");
                assertThat(h.getFirst("X-Amz-Firehose-Common-Attributes")).isEqualTo("{\"commonAttributes\":{\"env\":\"test\",\"team\":\"\"}}");
                assertThat(h.getFirst("Content-Type")).isEqualTo("application/json");
                assertThat(h.containsKey("Content-Encoding")).isFalse();
                assertThat(r.body()).isEqualTo(requests.get(0).body());
            }
            JsonNode body = JSON.readTree(requests.get(2).body());
            assertThat(body.get("requestId").asText()).isEqualTo(requestId);
            assertThat(body.get("timestamp").asLong()).isEqualTo(ARRIVAL_MILLIS);
            assertThat(decoded(body)).containsExactly("one", "two", "three");
            assertThat(FIREHOSE.buckets().objects("backup-flaky")).as("FailedDataOnly: nothing failed").isEmpty();
        }
    }

    @Test
    void recordsAnEndpointNeverTakesLandInTheBackupBucketAsAwsErrorDocuments() throws Exception {
        Endpoint down = endpoint("/down", attempt -> false);
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            create(firehose, "down-http", http(down, "backup-down", 0, HttpEndpointS3BackupMode.FAILED_DATA_ONLY, ContentEncoding.NONE).build());
            firehose.putRecordBatch(b -> b.deliveryStreamName("down-http").records(record("lost?"), record("no")));
            List<Path> objects = FIREHOSE.buckets().awaitObjects("backup-down", 1);
            assertThat(FIREHOSE.buckets().key("backup-down", objects.get(0)))
                    .matches("http-endpoint-failed/2026/01/02/03/down-http-1-2026-01-02-03-04-05-[0-9a-f-]{36}");
            assertThat(down.requests()).hasSize(1);
            String requestId = down.requests().get(0).headers().getFirst("X-Amz-Firehose-Request-Id");
            String message = "The following response was received from the endpoint destination. 503: {\"requestId\":\"" + requestId
                    + "\",\"timestamp\":" + ARRIVAL_MILLIS + ",\"errorMessage\":\"not now\"}";
            assertThat(Files.readAllLines(objects.get(0))).containsExactly(errorDocument(message, "lost?"), errorDocument(message, "no"));
        }
    }

    @Test
    void allDataBacksUpEverySourceRecordAndGzipBodiesArriveIntact() throws Exception {
        Endpoint zipped = endpoint("/zipped", attempt -> true);
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            create(firehose, "all-data", http(zipped, "backup-all", 60, HttpEndpointS3BackupMode.ALL_DATA, ContentEncoding.GZIP)
                    .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::backup-all").prefix("copy/"))
                    .build());
            firehose.putRecordBatch(b -> b.deliveryStreamName("all-data").records(record("alpha\n"), record("beta\n")));
            List<Path> objects = FIREHOSE.buckets().awaitObjects("backup-all", 1);
            assertThat(FIREHOSE.buckets().key("backup-all", objects.get(0)))
                    .matches("copy/2026/01/02/03/all-data-1-2026-01-02-03-04-05-[0-9a-f-]{36}");
            assertThat(Files.readString(objects.get(0))).isEqualTo("alpha\nbeta\n");
            assertThat(zipped.requests()).hasSize(1);
            Exchange request = zipped.requests().get(0);
            assertThat(request.headers().getFirst("Content-Encoding")).isEqualTo("gzip");
            assertThat(decoded(JSON.readTree(gunzip(request.body())))).containsExactly("alpha\n", "beta\n");
        }
    }

    @Test
    void anS3DestinationWithBackupEnabledAlsoKeepsTheSourceRecords() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            firehose.createDeliveryStream(b -> b.deliveryStreamName("backed-up").extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                    .bucketARN("arn:aws:s3:::delivered").bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                    .processingConfiguration(p -> p.enabled(true).processors(x -> x.type(ProcessorType.APPEND_DELIMITER_TO_RECORD)))
                    .s3BackupMode(S3BackupMode.ENABLED)
                    .s3BackupConfiguration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::source-copy").prefix("raw/"))));
            FirehoseStreams.awaitActive(firehose, "backed-up");
            DestinationDescription described = firehose.describeDeliveryStream(b -> b.deliveryStreamName("backed-up"))
                    .deliveryStreamDescription().destinations().get(0);
            assertThat(described.extendedS3DestinationDescription().s3BackupMode()).isEqualTo(S3BackupMode.ENABLED);
            assertThat(described.extendedS3DestinationDescription().s3BackupDescription().bucketARN()).isEqualTo("arn:aws:s3:::source-copy");
            firehose.putRecordBatch(b -> b.deliveryStreamName("backed-up").records(record("a"), record("b")));
            Path data = FIREHOSE.buckets().awaitObjects("delivered", 1).get(0);
            Path copy = FIREHOSE.buckets().awaitObjects("source-copy", 1).get(0);
            assertThat(Files.readString(data)).isEqualTo("a\nb\n");
            assertThat(Files.readString(copy)).as("the records before the processors").isEqualTo("ab");
            assertThat(FIREHOSE.buckets().key("source-copy", copy)).matches("raw/2026/01/02/03/backed-up-1-2026-01-02-03-04-05-[0-9a-f-]{36}");
            assertThatThrownBy(() -> firehose.updateDestination(b -> b.deliveryStreamName("backed-up").currentDeliveryStreamVersionId("1")
                    .destinationId("destinationId-000000000001").extendedS3DestinationUpdate(u -> u.s3BackupMode(S3BackupMode.DISABLED))))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("S3BackupMode can't be changed from Enabled to Disabled.");
        }
    }

    @Test
    void describeShowsTheHttpDestinationButNeverItsAccessKey() throws Exception {
        Endpoint quiet = endpoint("/described", attempt -> true);
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            create(firehose, "described", http(quiet, "backup-described", 120, HttpEndpointS3BackupMode.FAILED_DATA_ONLY, ContentEncoding.GZIP)
                    .endpointConfiguration(e -> e.url(quiet.url()).name("quiet").accessKey("do-not-show"))
                    .build());
            HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(FIREHOSE.endpoint())
                            .header("Content-Type", "application/x-amz-json-1.1")
                            .header("X-Amz-Target", "Firehose_20150804.DescribeDeliveryStream")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"DeliveryStreamName\": \"described\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(raw.body()).doesNotContain("do-not-show").doesNotContain("AccessKey");
            JsonNode http = JSON.readTree(raw.body()).at("/DeliveryStreamDescription/Destinations/0/HttpEndpointDestinationDescription");
            assertThat(http.at("/EndpointConfiguration/Url").asText()).isEqualTo(quiet.url());
            assertThat(http.at("/EndpointConfiguration/Name").asText()).isEqualTo("quiet");
            assertThat(http.at("/BufferingHints/SizeInMBs").asInt()).isEqualTo(1);
            assertThat(http.at("/BufferingHints/IntervalInSeconds").asInt()).isZero();
            assertThat(http.at("/RequestConfiguration/ContentEncoding").asText()).isEqualTo("GZIP");
            assertThat(http.at("/RetryOptions/DurationInSeconds").asInt()).isEqualTo(120);
            assertThat(http.at("/S3BackupMode").asText()).isEqualTo("FailedDataOnly");
            assertThat(http.at("/S3DestinationDescription/BucketARN").asText()).isEqualTo("arn:aws:s3:::backup-described");
            assertThatThrownBy(() -> firehose.updateDestination(b -> b.deliveryStreamName("described").currentDeliveryStreamVersionId("1")
                    .destinationId("destinationId-000000000001").extendedS3DestinationUpdate(u -> u.prefix("x/"))))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("Sluice does not change the kind of a delivery stream's destination: described delivers to an"
                            + " HTTP endpoint; update it with an HttpEndpointDestinationUpdate.");
            firehose.updateDestination(b -> b.deliveryStreamName("described").currentDeliveryStreamVersionId("1")
                    .destinationId("destinationId-000000000001").httpEndpointDestinationUpdate(u -> u.retryOptions(r -> r.durationInSeconds(7))));
            assertThat(firehose.describeDeliveryStream(b -> b.deliveryStreamName("described")).deliveryStreamDescription().destinations()
                    .get(0).httpEndpointDestinationDescription().retryOptions().durationInSeconds()).isEqualTo(7);
        }
    }

    @Test
    void badConfigurationsGetAwsErrors() {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            String path = "httpEndpointDestinationConfiguration.";
            assertError(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad-http").httpEndpointDestinationConfiguration(h -> h
                            .endpointConfiguration(e -> e.url("http://example.com/in"))
                            .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::b")))),
                    "ValidationException", "1 validation error detected: Value at '" + path + "endpointConfiguration.url' failed to satisfy"
                            + " constraint: Member must satisfy regular expression pattern: https://.*");
            assertError(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad-http").httpEndpointDestinationConfiguration(h -> h
                            .endpointConfiguration(e -> e.url("https://example.com/in")).bufferingHints(x -> x.sizeInMBs(65).intervalInSeconds(60))
                            .retryOptions(r -> r.durationInSeconds(7201)).s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::b")))),
                    "ValidationException", "2 validation errors detected: Value '65' at '" + path + "bufferingHints.sizeInMBs' failed to"
                            + " satisfy constraint: Member must have value less than or equal to 64; Value '7201' at '" + path
                            + "retryOptions.durationInSeconds' failed to satisfy constraint: Member must have value less than or equal to 7200");
            assertError(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad-http").httpEndpointDestinationConfiguration(h -> h
                            .endpointConfiguration(e -> e.url("https://example.com/in")))),
                    "ValidationException", "1 validation error detected: Value null at '" + path + "s3Configuration' failed to satisfy"
                            + " constraint: Member must not be null");
            assertError(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad-http")
                            .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::b").s3BackupMode(S3BackupMode.ENABLED))),
                    "InvalidArgumentException", "S3BackupConfiguration must be specified when S3BackupMode is Enabled.");
        }
    }

    // ---- helpers

    private static void create(FirehoseClient firehose, String name, HttpEndpointDestinationConfiguration http) {
        firehose.createDeliveryStream(b -> b.deliveryStreamName(name).deliveryStreamType("DirectPut").httpEndpointDestinationConfiguration(http));
        FirehoseStreams.awaitActive(firehose, name);
    }

    private static HttpEndpointDestinationConfiguration.Builder http(Endpoint endpoint, String bucket, int retrySeconds,
            HttpEndpointS3BackupMode mode, ContentEncoding encoding) {
        return HttpEndpointDestinationConfiguration.builder()
                .endpointConfiguration(e -> e.url(endpoint.url()))
                .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                .requestConfiguration(r -> r.contentEncoding(encoding))
                .retryOptions(r -> r.durationInSeconds(retrySeconds))
                .s3BackupMode(mode)
                .roleARN(ROLE)
                .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket));
    }

    private static HttpEndpointCommonAttribute attribute(String name, String value) {
        return HttpEndpointCommonAttribute.builder().attributeName(name).attributeValue(value).build();
    }

    private static void assertError(Runnable call, String type, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(FirehoseException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(type);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private static String errorDocument(String message, String data) throws IOException {
        return JSON.writeValueAsString(JSON.createObjectNode().put("attemptsMade", 1).put("arrivalTimestamp", ARRIVAL_MILLIS)
                .put("errorCode", "HttpEndpoint.DestinationException").put("errorMessage", message)
                .put("attemptEndingTimestamp", ARRIVAL_MILLIS)
                .put("rawData", Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8))));
    }

    private static List<String> decoded(JsonNode body) {
        List<String> records = new ArrayList<>();
        body.get("records").forEach(r -> records.add(new String(Base64.getDecoder().decode(r.get("data").asText()), StandardCharsets.UTF_8)));
        return records;
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    private static Record record(String data) {
        return Record.builder().data(SdkBytes.fromUtf8String(data)).build();
    }

    // ---- the endpoints

    private record Exchange(Headers headers, byte[] body) {}

    /** One endpoint path: keeps every request, answers 200 as AWS specifies when {@code succeeds} says so for the attempt, else 503. */
    private record Endpoint(String path, IntPredicate succeeds, List<Exchange> exchanges) {

        String url() {
            return "http://127.0.0.1:" + ENDPOINTS.getAddress().getPort() + path;
        }

        List<Exchange> requests() {
            return List.copyOf(exchanges);
        }

        void awaitRequests(int n) throws InterruptedException {
            Streams.await(n + " requests at " + path, () -> exchanges.size() >= n, Duration.ofSeconds(30));
        }
    }

    private static Endpoint endpoint(String path, IntPredicate succeeds) {
        Endpoint endpoint = new Endpoint(path, succeeds, new CopyOnWriteArrayList<>());
        ENDPOINTS.createContext(path, exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            endpoint.exchanges().add(new Exchange(exchange.getRequestHeaders(), body));
            String requestId = exchange.getRequestHeaders().getFirst("X-Amz-Firehose-Request-Id");
            boolean ok = succeeds.test(endpoint.exchanges().size());
            byte[] answer = JSON.writeValueAsBytes(ok
                    ? JSON.createObjectNode().put("requestId", requestId).put("timestamp", ARRIVAL_MILLIS)
                    : JSON.createObjectNode().put("requestId", requestId).put("timestamp", ARRIVAL_MILLIS).put("errorMessage", "not now"));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(ok ? 200 : 503, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        return endpoint;
    }

    private static HttpServer startEndpoints() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
