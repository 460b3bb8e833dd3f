package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.EnableEnhancedMonitoringResponse;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * The embedded run as README starts it: {@code bin/sluice} in its own process, on a temporary data directory and
 * free ports, with {@code --no-build} because {@code mvn test} has compiled ingest-job and written its runtime
 * classpath already (a nested Maven build on the same tree must not run). The Kinesis endpoint answers, the Kinesis
 * metrics appear on its Prometheus endpoint (stream-level always, shard-level while enhanced monitoring is on), and
 * a second {@code bin/sluice} on the same data directory is refused while the first goes on serving.
 */
class EmbeddedRunITCase {

    @TempDir
    static Path workDir;

    static Path dataDir;
    static EmbeddedProcess sluice;
    static URI endpoint;
    static URI firehoseEndpoint;
    static URI metrics;
    static int sqlGatewayPort;

    @BeforeAll
    static void startEmbedded() throws Exception {
        dataDir = workDir.resolve("data");
        int port = freePort();
        int prometheus = freePort();
        endpoint = URI.create("http://127.0.0.1:" + port);
        metrics = URI.create("http://127.0.0.1:" + prometheus + "/metrics");
        int firehosePort = freePort();
        firehoseEndpoint = URI.create("http://127.0.0.1:" + firehosePort);
        sqlGatewayPort = freePort();
        sluice = startSluice(workDir.resolve("sluice.log"), port, firehosePort, prometheus);
        sluice.awaitPing(endpoint, Duration.ofSeconds(90));
        sluice.awaitPing(firehoseEndpoint, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopEmbedded() throws Exception {
        sluice.close();
    }

    @Test
    void kinesisMetricsAppearOnThePrometheusEndpoint() throws Exception {
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, endpoint)) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName("metered").shardCount(2));
            Streams.awaitActive(kinesis, "metered");
            EnableEnhancedMonitoringResponse enabled = kinesis.enableEnhancedMonitoring(b -> b.streamName("metered")
                    .shardLevelMetrics(MetricsName.INCOMING_RECORDS, MetricsName.OUTGOING_RECORDS));
            assertThat(enabled.currentShardLevelMetrics()).isEmpty();
            assertThat(enabled.desiredShardLevelMetrics()).containsExactly(MetricsName.INCOMING_RECORDS, MetricsName.OUTGOING_RECORDS);
            assertThat(kinesis.describeStream(b -> b.streamName("metered")).streamDescription().enhancedMonitoring().get(0)
                    .shardLevelMetrics()).containsExactly(MetricsName.INCOMING_RECORDS, MetricsName.OUTGOING_RECORDS);

            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + i).data(SdkBytes.fromUtf8String("record-" + i)).build());
            }
            assertThat(kinesis.putRecords(b -> b.streamName("metered").records(entries)).failedRecordCount()).isZero();
            int read = 0;
            for (String shard : List.of("shardId-000000000000", "shardId-000000000001")) {
                read += Streams.readAll(kinesis, "metered", shard, 100).size();
            }
            assertThat(read).isEqualTo(10);

            awaitMetrics("ten records in and out", m ->
                    m.sum("IncomingRecords", "metered", false) == 10
                            && m.sum("PutRecords_SuccessfulRecords", "metered", false) == 10
                            && m.sum("PutRecords_Success", "metered", false) == 1
                            && m.sum("GetRecords_Records", "metered", false) == 10
                            && m.sum("IncomingRecords", "metered", true) == 10
                            && m.sum("OutgoingRecords", "metered", true) == 10);
            PrometheusSamples enabledSamples = scrape();
            assertThat(enabledSamples.sum("IncomingBytes", "metered", false)).isEqualTo(10 * ("key-0".length() + "record-0".length()));
            assertThat(enabledSamples.count("IncomingBytes", "metered", true)).as("IncomingBytes was not enabled per shard").isZero();

            assertThat(kinesis.disableEnhancedMonitoring(b -> b.streamName("metered").shardLevelMetrics(MetricsName.ALL))
                    .desiredShardLevelMetrics()).isEmpty();
            kinesis.putRecord(b -> b.streamName("metered").partitionKey("key-0").data(SdkBytes.fromUtf8String("one more")));
            awaitMetrics("shard-level metrics gone", m ->
                    m.sum("IncomingRecords", "metered", false) == 11 && m.sum("PutRecord_Success", "metered", false) == 1
                            && m.count("IncomingRecords", "metered", true) == 0);
        }
    }

    @Test
    void aSecondInstanceOnTheSameDataDirectoryIsRefusedWhileTheFirstServes() throws Exception {
        Path rocksdb = dataDir.resolve("rocksdb");
        List<Path> firstInstances = awaitRocksDbInstances(rocksdb);
        Path log = workDir.resolve("second.log");
        Process second = startSluice(log, freePort(), freePort(), freePort()).process(); // other ports: only the directory is shared
        try {
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("the second instance exits").isTrue();
            String output = Files.readString(log);
            assertThat(second.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains("Data directory " + dataDir + " is locked by a running Sluice instance (pid "
                    + sluice.process().pid() + ")");
        } finally {
            EmbeddedProcess.stopTree(second);
        }
        assertThat(list(rocksdb)).as("the first instance's RocksDB, which a second start used to delete")
                .containsAll(firstInstances);
        assertThat(sluice.process().isAlive()).isTrue();
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, endpoint)) {
            assertThat(client.api().listStreams().hasMoreStreams()).isFalse();
        }
    }

    @Test
    void firehoseDeliversIntoALocalBucketUnderTheDataDirectory() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(firehoseEndpoint)) {
            firehose.createDeliveryStream(b -> b.deliveryStreamName("embedded").deliveryStreamType("DirectPut")
                    .extendedS3DestinationConfiguration(d -> d.roleARN("arn:aws:iam::000000000000:role/firehose")
                            .bucketARN("arn:aws:s3:::embedded-bucket")
                            .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))));
            FirehoseStreams.awaitActive(firehose, "embedded");
            firehose.putRecordBatch(b -> b.deliveryStreamName("embedded").records(
                    Record.builder().data(SdkBytes.fromUtf8String("a,1\n")).build(),
                    Record.builder().data(SdkBytes.fromUtf8String("b,2\n")).build()));
        }
        Path bucket = dataDir.resolve("s3").resolve("embedded-bucket");
        Streams.await("an object in " + bucket, () -> !objects(bucket).isEmpty(), Duration.ofSeconds(30));
        List<Path> objects = objects(bucket);
        assertThat(objects).hasSize(1);
        assertThat(bucket.relativize(objects.get(0)).toString()).matches("\\d{4}/\\d{2}/\\d{2}/\\d{2}/embedded-1-[-0-9]{19}-[0-9a-f-]{36}");
        assertThat(Files.readString(objects.get(0))).isEqualTo("a,1\nb,2\n");
        assertThat(dataDir.resolve("firehose").resolve("checkpoints")).isDirectory();
        awaitMetrics("two records in and delivered", m ->
                m.deliveryStreamSum("IncomingRecords", "embedded") == 2
                        && m.deliveryStreamSum("IncomingBytes", "embedded") == 8
                        && m.deliveryStreamSum("PutRecordBatch_Requests", "embedded") == 1
                        && m.deliveryStreamSum("DeliveryToS3_Records", "embedded") == 2
                        && m.deliveryStreamSum("DeliveryToS3_Bytes", "embedded") == 8
                        && m.deliveryStreamSum("DeliveryToS3_Success", "embedded") == 1
                        && m.deliveryStreamCount("DeliveryToS3_DataFreshness", "embedded") == 1
                        && m.deliveryStreamSum("DeliveryToS3_DataFreshness", "embedded") == 0);
    }

    /** bin/sql runs a script on the SQL Gateway that bin/sluice started, its query on the embedded cluster. */
    @Test
    void binSqlRunsAScriptOnTheSqlGatewayBesideTheCluster() throws Exception {
        URI gateway = URI.create("http://127.0.0.1:" + sqlGatewayPort);
        Streams.await("the SQL Gateway on " + gateway, () -> answers(gateway.resolve("/v1/info")), Duration.ofSeconds(60));
        Path script = workDir.resolve("values.sql");
        Files.writeString(script, "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS t(n, s);\n");
        Path output = workDir.resolve("sql.out");
        ProcessBuilder pb = new ProcessBuilder(EmbeddedProcess.repositoryRoot().resolve("bin/sql").toString(),
                "--endpoint", "127.0.0.1:" + sqlGatewayPort, "-f", script.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process sql = pb.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(sql.waitFor(120, TimeUnit.SECONDS)).as("bin/sql exits").isTrue();
            String out = Files.readString(output);
            assertThat(sql.exitValue()).as(out).isZero();
            assertThat(out.lines().toList()).as(out).containsSubsequence(
                    "| op |           n |                              s |",
                    "+----+-------------+--------------------------------+",
                    "| +I |           1 |                              a |",
                    "| +I |           2 |                              b |",
                    "+----+-------------+--------------------------------+");
            assertThat(out).contains("Received a total of 2 rows");
        } finally {
            EmbeddedProcess.stopTree(sql);
        }
    }

    private static boolean answers(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<Path> objects(Path bucket) {
        if (!Files.isDirectory(bucket)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(bucket)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code bin/sluice --no-build} on {@link #dataDir}, with the repository's {@code flink-conf/} under the arguments. */
    private static EmbeddedProcess startSluice(Path log, int port, int firehosePort, int prometheusPort) throws IOException {
        return EmbeddedProcess.start(log, List.of(
                "sluice.http.host=127.0.0.1", "sluice.http.port=" + port, "rest.port=" + freePort(),
                "sluice.firehose.http.host=127.0.0.1", "sluice.firehose.http.port=" + firehosePort,
                "sluice.metrics.prometheus-port=" + prometheusPort, "sluice.data-dir=" + dataDir,
                "sluice.streams.throttling=false", "sql-gateway.endpoint.rest.port=" + sqlGatewayPort));
    }



    private static List<Path> awaitRocksDbInstances(Path rocksdb) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<Path> instances = list(rocksdb);
            if (!instances.isEmpty()) {
                return instances;
            }
            Thread.sleep(100); // polling interval of a deadline loop
        }
        throw new AssertionError("No RocksDB instance under " + rocksdb + " within 30 s");
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }

    private static void awaitMetrics(String what, Predicate<PrometheusSamples> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        PrometheusSamples last = null;
        while (System.nanoTime() < deadline) {
            last = scrape();
            if (condition.test(last)) {
                return;
            }
            Thread.sleep(200); // polling interval of a deadline loop (the reporter is scraped, not pushed)
        }
        throw new AssertionError("Metrics never showed " + what + "; last scrape had " + last.names().size() + " samples: "
                + describe(last));
    }

    private static String describe(PrometheusSamples s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.names().size(); i++) {
            if (s.labels().get(i).containsKey("stream")) {
                b.append('\n').append(s.names().get(i)).append(s.labels().get(i)).append(' ').append(s.values().get(i));
            }
        }
        return b.toString();
    }

    private static PrometheusSamples scrape() throws Exception {
        return PrometheusSamples.scrape(metrics);
    }


    private static int freePort() {
        return EmbeddedProcess.freePort();
    }
}
