package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The job jars on a Flink cluster that holds nothing of Sluice ({@link StandaloneFlink}: a JobManager and a TaskManager
 * on a distribution's lib/ jars), submitted as README "Job jars" submits them: {@code /jars/upload}, then
 * {@code /jars/:id/run} with the entry class and program arguments. The ingest job serves the Kinesis API that the
 * tests then call; the analytics job jar runs a SQL application against it; the delivery job serves the Firehose API
 * (its S3A and format conversion, which need flink-s3-fs-hadoop in lib/, are not exercised here).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterJarSubmissionITCase {

    private static Path dir;
    private static StandaloneFlink flink;
    private static int kinesisPort;
    private static String ingestJob;

    @BeforeAll
    static void startCluster() throws Exception {
        dir = Files.createTempDirectory("sluice-cluster-jars-");
        flink = StandaloneFlink.start(dir, 4);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        try {
            if (flink != null) {
                flink.close();
            }
        } finally {
            TestDirs.delete(dir);
        }
    }

    @Test
    @Order(1)
    void ingestJobJarServesTheKinesisApi() throws Exception {
        kinesisPort = EmbeddedProcess.freePort();
        String jar = flink.upload(BuiltJars.job("ingest-job"));
        // Both argument forms that a submission passes: key=value and --key value.
        ingestJob = flink.run(jar, "io.sluice.ingest.IngestJob",
                List.of("sluice.http.host=127.0.0.1", "--sluice.http.port", String.valueOf(kinesisPort)));
        flink.awaitRunning(ingestJob, Duration.ofSeconds(120));
        SluiceTestServer.awaitReady(java.net.URI.create(endpoint()), Duration.ofSeconds(60));

        try (KinesisClients.Client client = KinesisClients.create(KinesisClients.Kind.SYNC_CBOR, java.net.URI.create(endpoint()))) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName("orders").shardCount(1));
            Streams.awaitActive(kinesis, "orders");
            List<String> sequenceNumbers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String data = "order-" + i;
                PutRecordResponse put = kinesis.putRecord(b -> b.streamName("orders").partitionKey("p").data(SdkBytes.fromUtf8String(data)));
                sequenceNumbers.add(put.sequenceNumber());
            }
            List<Record> records = Streams.readAll(kinesis, "orders", "shardId-000000000000", 100);
            assertThat(records).extracting(r -> r.data().asUtf8String()).containsExactly("order-0", "order-1", "order-2");
            assertThat(records).extracting(Record::sequenceNumber).containsExactlyElementsOf(sequenceNumbers);
        }
        assertThat(flink.jobState(ingestJob)).isEqualTo("RUNNING");
    }

    @Test
    @Order(2)
    void analyticsJobJarRunsASqlApplication() throws Exception {
        assertThat(ingestJob).as("the ingest job of the first test").isNotNull();
        Path app = dir.resolve("times-ten.sql");
        Files.writeString(app, String.join("\n",
                "CREATE TABLE numbers (n INT) WITH ('connector' = 'kinesis', 'stream' = '${INPUT}',",
                "  'aws.endpoint' = '${ENDPOINT}', 'scan.stream.initpos' = 'TRIM_HORIZON', 'format' = 'json');",
                "CREATE TABLE tens (m INT) WITH ('connector' = 'kinesis', 'stream' = 'tens', 'aws.endpoint' = '${ENDPOINT}',",
                "  'sink.flush-buffer.timeout' = '100 ms', 'format' = 'json');",
                "INSERT INTO tens SELECT n * 10 FROM numbers;", ""), StandardCharsets.UTF_8);
        try (KinesisClients.Client client = KinesisClients.create(KinesisClients.Kind.SYNC_CBOR, java.net.URI.create(endpoint()))) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName("numbers").shardCount(1));
            kinesis.createStream(b -> b.streamName("tens").shardCount(1));
            Streams.awaitActive(kinesis, "numbers");
            Streams.awaitActive(kinesis, "tens");
            for (int n = 1; n <= 3; n++) {
                String json = "{\"n\":" + n + "}";
                kinesis.putRecord(b -> b.streamName("numbers").partitionKey("p").data(SdkBytes.fromUtf8String(json)));
            }

            String jar = flink.upload(BuiltJars.job("analytics-job"));
            String job = flink.run(jar, "io.sluice.analytics.app.ApplicationJob",
                    List.of("--app", app.toString(), "INPUT=numbers", "ENDPOINT=" + endpoint()));
            flink.awaitRunning(job, Duration.ofSeconds(120));

            List<String> tens = new ArrayList<>();
            Streams.await("3 records in tens", () -> {
                tens.clear();
                Streams.readAll(kinesis, "tens", "shardId-000000000000", 100).forEach(r -> tens.add(r.data().asUtf8String()));
                return tens.size() >= 3;
            }, Duration.ofSeconds(90));
            assertThat(tens).containsExactly("{\"m\":10}", "{\"m\":20}", "{\"m\":30}");
            flink.cancel(job);
        }
    }

    @Test
    @Order(3)
    void deliveryJobJarServesTheFirehoseApi() throws Exception {
        int port = EmbeddedProcess.freePort();
        String jar = flink.upload(BuiltJars.job("delivery-job"));
        String job = flink.run(jar, "io.sluice.delivery.DeliveryJob", List.of("sluice.firehose.http.host=127.0.0.1",
                "sluice.firehose.http.port=" + port, "sluice.firehose.buckets=LOCAL",
                "sluice.firehose.local-buckets-dir=" + dir.resolve("buckets")));
        flink.awaitRunning(job, Duration.ofSeconds(120));
        java.net.URI firehoseEndpoint = java.net.URI.create("http://127.0.0.1:" + port);
        SluiceTestServer.awaitReady(firehoseEndpoint, Duration.ofSeconds(60));
        try (software.amazon.awssdk.services.firehose.FirehoseClient firehose = FirehoseClients.create(firehoseEndpoint)) {
            assertThat(firehose.listDeliveryStreams(b -> b.limit(10)).deliveryStreamNames()).isEmpty();
        }
        assertThat(flink.jobState(job)).isEqualTo("RUNNING");
        flink.cancel(job);
    }

    private static String endpoint() {
        return "http://127.0.0.1:" + kinesisPort;
    }
}
