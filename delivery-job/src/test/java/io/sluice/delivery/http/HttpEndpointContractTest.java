package io.sluice.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.sluice.delivery.DeliveryFixtures;
import io.sluice.delivery.api.BufferingHints;
import io.sluice.delivery.api.HttpEndpointDestination;
import io.sluice.delivery.api.HttpEndpointDestination.BackupMode;
import io.sluice.delivery.api.HttpEndpointDestination.CommonAttribute;
import io.sluice.delivery.api.HttpEndpointDestination.ContentEncoding;
import io.sluice.delivery.api.Processing;
import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.s3.CompressionFormat;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request and response contract of AWS's "HTTP endpoint delivery request and response specifications", through the
 * real sender against a JDK HTTP server on loopback: headers and body as sent, and how each kind of answer is judged.
 */
class HttpEndpointContractTest {

    private static final String ARN = "arn:aws:firehose:us-east-1:000000000000:deliverystream/s";
    private static final String ID = "ed4acda5-034f-9f42-bba1-f29aea6d7d8f";

    private HttpServer server;
    private final AtomicReference<Headers> headers = new AtomicReference<>();
    private final AtomicReference<byte[]> received = new AtomicReference<>();
    private volatile int status;
    private volatile String contentType;
    private volatile byte[] answer;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/in", exchange -> {
            headers.set(exchange.getRequestHeaders());
            received.set(exchange.getRequestBody().readAllBytes());
            if (contentType != null) {
                exchange.getResponseHeaders().set("Content-Type", contentType);
            }
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theRequestCarriesAwsHeadersAndTheBodyAsIs() throws Exception {
        answer("200", "application/json", "{\"requestId\": \"" + ID + "\", \"timestamp\": 1578090903599}");
        HttpEndpointDestination d = destination(url(), "the-key", ContentEncoding.NONE,
                List.of(new CommonAttribute("deployment-context", "pre-prod-gamma"), new CommonAttribute("device-types", "")));
        byte[] body = new HttpEndpointRequest(ID, 1578090901599L, List.of("hello".getBytes(), "hello world".getBytes())).body();
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"requestId\":\"" + ID + "\",\"timestamp\":1578090901599,"
                + "\"records\":[{\"data\":\"aGVsbG8=\"},{\"data\":\"aGVsbG8gd29ybGQ=\"}]}");
        assertThat(new JdkHttpEndpointSender().send(d, ARN, ID, body)).isEqualTo(Attempt.DELIVERED);
        Headers h = headers.get();
        assertThat(h.getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(h.getFirst("X-Amz-Firehose-Protocol-Version")).isEqualTo("1.0");
        assertThat(h.getFirst("X-Amz-Firehose-Request-Id")).isEqualTo(ID);
        assertThat(h.getFirst("X-Amz-Firehose-Source-Arn")).isEqualTo(ARN);
        assertThat(h.getFirst("X-Amz-Firehose-Access-Key")).isEqualTo("the-key");
        assertThat(h.getFirst("X-Amz-Firehose-Common-Attributes"))
                .isEqualTo("{\"commonAttributes\":{\"deployment-context\":\"pre-prod-gamma\",\"device-types\":\"\"}}");
        assertThat(h.containsKey("Content-Encoding")).isFalse();
        assertThat(received.get()).isEqualTo(body);
    }

    @Test
    void gzipBodiesSayItAndOptionalHeadersAreLeftOut() throws Exception {
        answer("200", "application/json; charset=utf-8", "{\"requestId\": \"" + ID + "\", \"timestamp\": 1}");
        byte[] body = new HttpEndpointRequest(ID, 1L, List.of("x".getBytes())).body();
        Attempt attempt = new JdkHttpEndpointSender().send(destination(url(), null, ContentEncoding.GZIP, List.of()), ARN, ID,
                HttpEndpointRequest.gzip(body));
        assertThat(attempt).isEqualTo(Attempt.DELIVERED);
        assertThat(headers.get().getFirst("Content-Encoding")).isEqualTo("gzip");
        assertThat(headers.get().containsKey("X-Amz-Firehose-Access-Key")).isFalse();
        assertThat(headers.get().containsKey("X-Amz-Firehose-Common-Attributes")).isFalse();
        assertThat(HttpEndpointDeliveryTest.gunzip(received.get())).isEqualTo(body);
    }

    @Test
    void onlyA200WithTheRequestIdAndANumericTimestampDelivers() throws Exception {
        String invalid = "The response received from the specified endpoint is invalid. Contact the owner of the endpoint to resolve"
                + " the issue. Response for request " + ID + " is not recognized as valid JSON or has unexpected fields. Raw response"
                + " received: 200 ";
        for (String body : List.of("{\"requestId\": \"other\", \"timestamp\": 1}", "{\"timestamp\": 1}", "{\"requestId\": \"" + ID + "\"}",
                "{\"requestId\": \"" + ID + "\", \"timestamp\": \"1\"}", "{\"requestId\": \"" + ID + "\", \"timestamp\": 1, \"extra\": 1}",
                "not json")) {
            answer("200", "application/json", body);
            assertThat(send()).as(body).isEqualTo(Attempt.failed("HttpEndpoint.InvalidResponseFromDestination", invalid + body));
        }
        answer("200", "text/plain", "{\"requestId\": \"" + ID + "\", \"timestamp\": 1}");
        assertThat(send().errorCode()).as("no other content type").isEqualTo("HttpEndpoint.InvalidResponseFromDestination");
        answer("200", "application/json", "{\"requestId\": \"" + ID + "\", \"timestamp\": 1, \"errorMessage\": \"\"}");
        assertThat(send()).isEqualTo(Attempt.DELIVERED);
    }

    @Test
    void otherStatusesAreDestinationExceptionsAnd413IsPermanent() throws Exception {
        String error = "{\"requestId\": \"" + ID + "\", \"timestamp\": 1, \"errorMessage\": \"Unauthorized\"}";
        answer("401", "application/json", error);
        assertThat(send()).isEqualTo(Attempt.failed("HttpEndpoint.DestinationException",
                "The following response was received from the endpoint destination. 401: " + error));
        answer("204", null, "");
        assertThat(send()).isEqualTo(Attempt.failed("HttpEndpoint.DestinationException",
                "The following response was received from the endpoint destination. 204: "));
        answer("413", "application/json", "{}");
        assertThat(send().permanent()).isTrue();
        answer("200", "application/json", "{\"requestId\": \"" + ID + "\", \"timestamp\": 1, \"errorMessage\": \""
                + "x".repeat(HttpEndpointResponse.MAX_BODY_BYTES) + "\"}");
        assertThat(send().errorCode()).isEqualTo("HttpEndpoint.ResponseTooLarge");
    }

    @Test
    void anEndpointThatIsNotThereFailsToConnect() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Attempt attempt = new JdkHttpEndpointSender().send(destination("http://127.0.0.1:" + port + "/in", null, ContentEncoding.NONE,
                List.of()), ARN, ID, new byte[] {'{', '}'});
        assertThat(attempt.errorCode()).isEqualTo("HttpEndpoint.ConnectionFailed");
        assertThat(attempt.permanent()).isFalse();
    }

    @Test
    void backoffStartsAtOneSecondDoublesWithJitterAndStopsAtTwoMinutes() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            assertThat(RetryBackoff.delayMillis(0, random)).isBetween(850L, 1150L);
            assertThat(RetryBackoff.delayMillis(3, random)).isBetween(6800L, 9200L);
            assertThat(RetryBackoff.delayMillis(6, random)).isBetween(54_400L, 73_600L);
            assertThat(RetryBackoff.delayMillis(40, random)).isBetween(102_000L, 120_000L);
        }
    }

    private Attempt send() throws InterruptedException {
        return new JdkHttpEndpointSender().send(destination(url(), null, ContentEncoding.NONE, List.of()), ARN, ID, new byte[] {'{', '}'});
    }

    private void answer(String status, String contentType, String body) {
        this.status = Integer.parseInt(status);
        this.contentType = contentType;
        this.answer = body.getBytes(StandardCharsets.UTF_8);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/in";
    }

    private static HttpEndpointDestination destination(String url, String key, ContentEncoding encoding, List<CommonAttribute> attributes) {
        S3Destination bucket = new S3Destination(false, DeliveryFixtures.ROLE_ARN, "arn:aws:s3:::b", null, null, BufferingHints.S3_DEFAULT,
                CompressionFormat.UNCOMPRESSED, null, null);
        return new HttpEndpointDestination(url, null, key, null, BufferingHints.HTTP_DEFAULT, encoding, attributes, 0,
                BackupMode.FailedDataOnly, Processing.NONE, bucket);
    }
}
