package io.sluice.delivery.http;

import static io.sluice.delivery.DeliveryFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.delivery.DeliveryFixtures;
import io.sluice.delivery.DeliveryOptions.Buckets;
import io.sluice.delivery.api.BufferingHints;
import io.sluice.delivery.api.DeliveryStreamType;
import io.sluice.delivery.api.HttpEndpointDestination;
import io.sluice.delivery.api.HttpEndpointDestination.BackupMode;
import io.sluice.delivery.api.HttpEndpointDestination.ContentEncoding;
import io.sluice.delivery.api.Processing;
import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.buffer.BufferedBatch;
import io.sluice.delivery.catalog.DeliveryStream;
import io.sluice.delivery.catalog.DeliveryStreamStatus;
import io.sluice.delivery.s3.BucketStore;
import io.sluice.delivery.s3.BucketStoreFactory;
import io.sluice.delivery.s3.CompressionFormat;
import io.sluice.delivery.s3.PendingObject;
import io.sluice.delivery.s3.S3Delivery;
import io.sluice.delivery.transform.RecordProcessing;
import io.sluice.delivery.transform.TransformFunctions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One flush delivered to an HTTP endpoint through a scripted sender and a fake timer: requests as AWS sends them, the
 * retries and their waits within the retry duration, and what lands in the backup bucket (AWS's error documents,
 * AllData backups), read back after commit.
 */
class HttpEndpointDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long ARRIVAL = DeliveryFixtures.ARRIVAL.toEpochMilli();
    private static final String STREAM = "to-http";

    @TempDir
    Path dir;

    private BucketStore store;
    private final ScriptedSender sender = new ScriptedSender();
    private final FakeTimer timer = new FakeTimer();

    @BeforeEach
    void open() throws IOException {
        store = new BucketStoreFactory(Buckets.LOCAL, dir.resolve("buckets").toString()).open();
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    @Test
    void recordsAreSentInOneRequestAsAwsSpecifies() throws Exception {
        sender.script.add(Attempt.DELIVERED);
        List<PendingObject> objects = delivery().write(stream(http(60, BackupMode.FailedDataOnly, ContentEncoding.NONE)),
                flush("hello", "", "world"));
        assertThat(objects).isEmpty();
        assertThat(sender.sent).hasSize(1);
        JsonNode body = JSON.readTree(sender.sent.get(0).body);
        assertThat(body.get("requestId").asText()).isEqualTo(sender.sent.get(0).requestId).matches("[0-9a-f-]{36}");
        assertThat(body.get("timestamp").asLong()).isEqualTo(ARRIVAL);
        assertThat(body.get("records")).hasSize(3);
        assertThat(decoded(body)).containsExactly("hello", "", "world");
        assertThat(sender.sent.get(0).sourceArn).isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/to-http");
    }

    @Test
    void aFailingRequestIsRetriedWithTheSameIdAndBodyAfterGrowingWaits() throws Exception {
        sender.script.add(Attempt.failed("HttpEndpoint.DestinationException", "500"));
        sender.script.add(Attempt.failed("HttpEndpoint.DestinationException", "500"));
        sender.script.add(Attempt.DELIVERED);
        List<PendingObject> objects = delivery().write(stream(http(60, BackupMode.FailedDataOnly, ContentEncoding.GZIP)), flush("a", "b"));
        assertThat(objects).isEmpty();
        assertThat(sender.sent).hasSize(3);
        assertThat(sender.sent).extracting(s -> s.requestId).containsOnly(sender.sent.get(0).requestId);
        assertThat(sender.sent).extracting(s -> new String(s.body, StandardCharsets.ISO_8859_1))
                .containsOnly(new String(sender.sent.get(0).body, StandardCharsets.ISO_8859_1));
        assertThat(decoded(JSON.readTree(gunzip(sender.sent.get(0).body)))).containsExactly("a", "b");
        assertThat(timer.sleeps).hasSize(2);
        assertThat(timer.sleeps.get(0)).isBetween(850L, 1150L);
        assertThat(timer.sleeps.get(1)).isBetween(1700L, 2300L);
    }

    @Test
    void whatTheEndpointNeverTakesBecomesAwsErrorDocumentsInTheBackupBucket() throws Exception {
        for (int i = 0; i < 10; i++) {
            sender.script.add(Attempt.failed("HttpEndpoint.DestinationException",
                    "The following response was received from the endpoint destination. 503: busy"));
        }
        List<PendingObject> objects = delivery().write(stream(http(5, BackupMode.FailedDataOnly, ContentEncoding.NONE)), flush("x", "y"));
        // retries at ~1 s and ~3 s after the first failure; the next (~7 s) would start after the 5 s retry duration
        assertThat(sender.sent).hasSize(3);
        assertThat(objects).hasSize(1);
        PendingObject failed = objects.get(0);
        assertThat(failed.errorOutputType()).isEqualTo("http-endpoint-failed");
        assertThat(failed.bucket()).isEqualTo("backup");
        assertThat(failed.key()).matches("backup/http-endpoint-failed/2026/01/02/03/to-http-1-2026-01-02-03-04-05-[0-9a-f-]{36}");
        store.commit(failed);
        List<String> lines = Files.readAllLines(dir.resolve("buckets/backup").resolve(failed.key()));
        String message = "The following response was received from the endpoint destination. 503: busy";
        assertThat(lines).containsExactly(
                errorDocument(3, "HttpEndpoint.DestinationException", message, "x"),
                errorDocument(3, "HttpEndpoint.DestinationException", message, "y"));
    }

    @Test
    void aZeroRetryDurationMeansOneAttemptAndA413IsNeverRetried() throws Exception {
        sender.script.add(Attempt.failed("HttpEndpoint.ConnectionFailed", "no"));
        assertThat(delivery().write(stream(http(0, BackupMode.FailedDataOnly, ContentEncoding.NONE)), flush("x"))).hasSize(1);
        assertThat(sender.sent).hasSize(1);
        sender.script.add(Attempt.failedForGood("HttpEndpoint.DestinationException", "413"));
        assertThat(delivery().write(stream(http(7200, BackupMode.FailedDataOnly, ContentEncoding.NONE)), flush("x"))).hasSize(1);
        assertThat(sender.sent).hasSize(2);
        assertThat(timer.sleeps).isEmpty();
    }

    @Test
    void allDataAlsoBacksUpEverySourceRecord() throws Exception {
        sender.script.add(Attempt.DELIVERED);
        HttpEndpointDestination http = http(60, BackupMode.AllData, ContentEncoding.NONE);
        List<PendingObject> objects = delivery().write(stream(http), flush("one\n", "two\n"));
        assertThat(objects).hasSize(1);
        PendingObject backup = objects.get(0);
        assertThat(backup.errorOutputType()).isEqualTo(PendingObject.BACKUP);
        assertThat(backup.key()).matches("backup/2026/01/02/03/to-http-1-2026-01-02-03-04-05-[0-9a-f-]{36}\\.gz");
        store.commit(backup);
        assertThat(new String(gunzip(Files.readAllBytes(dir.resolve("buckets/backup").resolve(backup.key()))), StandardCharsets.UTF_8))
                .isEqualTo("one\ntwo\n");
    }

    @Test
    void aFlushOfMoreThan10000RecordsIsSentInSeveralRequests() throws Exception {
        sender.script.add(Attempt.DELIVERED);
        sender.script.add(Attempt.DELIVERED);
        String[] records = new String[10_001];
        java.util.Arrays.fill(records, "r");
        delivery().write(stream(http(60, BackupMode.FailedDataOnly, ContentEncoding.NONE)), flush(records));
        assertThat(sender.sent).hasSize(2);
        assertThat(JSON.readTree(sender.sent.get(0).body).get("records")).hasSize(10_000);
        assertThat(JSON.readTree(sender.sent.get(1).body).get("records")).hasSize(1);
        assertThat(sender.sent.get(0).requestId).isNotEqualTo(sender.sent.get(1).requestId);
    }

    private HttpEndpointDelivery delivery() {
        return new HttpEndpointDelivery(store, new RecordProcessing(TransformFunctions.none(), InstantSource.fixed(DeliveryFixtures.ARRIVAL)),
                "us-east-1", new SplittableRandom(7), InstantSource.fixed(DeliveryFixtures.ARRIVAL), sender, timer, null, 6);
    }

    private static HttpEndpointDestination http(int retrySeconds, BackupMode mode, ContentEncoding encoding) {
        S3Destination bucket = new S3Destination(false, DeliveryFixtures.ROLE_ARN, "arn:aws:s3:::backup", "backup/", null,
                BufferingHints.S3_DEFAULT, mode == BackupMode.AllData ? CompressionFormat.GZIP : CompressionFormat.UNCOMPRESSED, null, null);
        return new HttpEndpointDestination("https://example.com/in", null, "key", null, BufferingHints.HTTP_DEFAULT, encoding, List.of(),
                retrySeconds, mode, Processing.NONE, bucket);
    }

    private static DeliveryStream stream(HttpEndpointDestination http) {
        return DeliveryStream.toHttpEndpoint(STREAM, "arn:aws:firehose:us-east-1:000000000000:deliverystream/" + STREAM,
                DeliveryStreamStatus.ACTIVE, DeliveryStreamType.DirectPut, 1L, http, List.of());
    }

    private static S3Delivery.Flush flush(String... records) {
        List<byte[]> data = new ArrayList<>();
        for (String r : records) {
            data.add(utf8(r));
        }
        return new S3Delivery.Flush(List.of(new BufferedBatch(ARRIVAL, data)), ARRIVAL);
    }

    private static List<String> decoded(JsonNode body) {
        List<String> records = new ArrayList<>();
        body.get("records").forEach(r -> records.add(new String(Base64.getDecoder().decode(r.get("data").asText()), StandardCharsets.UTF_8)));
        return records;
    }

    private static String errorDocument(int attempts, String code, String message, String data) throws IOException {
        return JSON.writeValueAsString(JSON.createObjectNode().put("attemptsMade", attempts).put("arrivalTimestamp", ARRIVAL)
                .put("errorCode", code).put("errorMessage", message).put("attemptEndingTimestamp", ARRIVAL)
                .put("rawData", Base64.getEncoder().encodeToString(utf8(data))));
    }

    static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    /** Answers from a script, and keeps what it was asked to send. */
    private static final class ScriptedSender implements HttpEndpointSender {
        final Deque<Attempt> script = new java.util.ArrayDeque<>();
        final List<Sent> sent = new ArrayList<>();

        @Override
        public Attempt send(HttpEndpointDestination destination, String sourceArn, String requestId, byte[] body) {
            sent.add(new Sent(sourceArn, requestId, body));
            return script.removeFirst();
        }
    }

    private record Sent(String sourceArn, String requestId, byte[] body) {}

    /** Time that moves only when the delivery sleeps. */
    private static final class FakeTimer implements HttpEndpointDelivery.Timer {
        final List<Long> sleeps = new ArrayList<>();
        long nanos;

        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public void sleep(long millis) {
            sleeps.add(millis);
            nanos += millis * 1_000_000L;
        }
    }
}
