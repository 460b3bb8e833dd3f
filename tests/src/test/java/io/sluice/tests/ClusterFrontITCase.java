package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.front.FrontOptions;
import io.sluice.common.front.SluiceFront;
import io.sluice.common.http.HttpService;
import io.sluice.common.http.HttpSourceOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
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
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * One address for clients of a real cluster: a standalone Flink cluster with two TaskManagers of two slots each, the
 * ingest job jar submitted through REST at parallelism 2 (one HTTP reader on each TaskManager, each on a free port it
 * publishes in a directory), and the {@link SluiceFront} in this JVM forwarding the SDK's connections to them. The
 * second test kills a TaskManager with {@code kill -9} while producers and a consumer run through the front; the job
 * restarts from its latest checkpoint on the surviving TaskManager (its two slots hold the whole job; no replacement
 * TaskManager is started). Restart strategy, heartbeats and checkpoint interval come from the cluster's config.yaml.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFrontITCase {

    private static Path dir;
    private static StandaloneFlink flink;
    private static SluiceFront front;
    private static String job;

    @BeforeAll
    static void startClusterJobAndFront() throws Exception {
        dir = Files.createTempDirectory("sluice-cluster-front-");
        Path readers = dir.resolve("readers");
        flink = StandaloneFlink.start(dir, 2, 2, failoverConfig());
        front = SluiceFront.start(frontConfig(readers));

        String jar = flink.upload(BuiltJars.job("ingest-job"));
        job = flink.run(jar, "io.sluice.ingest.IngestJob", List.of("sluice.http.host=127.0.0.1", "sluice.http.port=0",
                "sluice.http.endpoints=2", "sluice.http.publish-dir=" + readers));
        flink.awaitRunning(job, Duration.ofSeconds(120));
        Streams.await("both readers published", () -> front.liveReaders(HttpService.STREAMS).size() == 2, Duration.ofSeconds(60));
        SluiceTestServer.awaitReady(endpoint(), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (front != null) {
                front.close();
            }
            if (flink != null) {
                flink.close();
            }
            keepLogs();
        } finally {
            TestDirs.delete(dir);
        }
    }

    @Test
    @Order(1)
    void clientsReachBothReadersOnTwoTaskManagersThroughOneAddress() throws Exception {
        assertThat(flink.taskManagersRunning(job, "HttpRequestSource")).as("readers on both TaskManagers").isEqualTo(2);
        Map<String, Long> before = front.connectionsForwarded(HttpService.STREAMS);
        // Two clients, two connections: the front sends one to each reader (round-robin).
        try (KinesisClients.Client first = KinesisClients.create(KinesisClients.Kind.SYNC_CBOR, endpoint());
                KinesisClients.Client second = KinesisClients.create(KinesisClients.Kind.SYNC_CBOR, endpoint())) {
            first.api().createStream(b -> b.streamName("orders").shardCount(1));
            Streams.awaitActive(first.api(), "orders");
            List<String> sequenceNumbers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String data = "order-" + i;
                KinesisClient kinesis = (i % 2 == 0 ? first : second).api();
                PutRecordResponse put = kinesis.putRecord(b -> b.streamName("orders").partitionKey("p").data(SdkBytes.fromUtf8String(data)));
                sequenceNumbers.add(put.sequenceNumber());
            }
            for (KinesisClients.Client client : List.of(first, second)) {
                List<Record> records = Streams.readAll(client.api(), "orders", "shardId-000000000000", 100);
                assertThat(records).extracting(r -> r.data().asUtf8String())
                        .containsExactly("order-0", "order-1", "order-2", "order-3", "order-4", "order-5");
                assertThat(records).extracting(Record::sequenceNumber).containsExactlyElementsOf(sequenceNumbers);
            }
            assertThat(first.contentTypes()).allMatch(t -> t.equals("application/x-amz-cbor-1.1"));
        }
        // The async client speaks HTTP/2 with prior knowledge: the front passes h2c through untouched too.
        try (KinesisClients.Client h2 = KinesisClients.create(KinesisClients.Kind.ASYNC_HTTP2, endpoint())) {
            String sequence = h2.api().putRecord(b -> b.streamName("orders").partitionKey("p").data(SdkBytes.fromUtf8String("order-6")))
                    .sequenceNumber();
            List<Record> records = Streams.readAll(h2.api(), "orders", "shardId-000000000000", 100);
            assertThat(records).hasSize(7);
            assertThat(records.get(6).sequenceNumber()).isEqualTo(sequence);
            assertThat(records.get(6).data().asUtf8String()).isEqualTo("order-6");
        }
        Map<String, Long> served = new HashMap<>(front.connectionsForwarded(HttpService.STREAMS));
        before.forEach((reader, n) -> served.merge(reader, -n, Long::sum));
        served.values().removeIf(n -> n == 0);
        assertThat(served.keySet()).as("connections forwarded to each reader by this test")
                .containsExactlyInAnyOrderElementsOf(front.liveReaders(HttpService.STREAMS));
    }

    @Test
    @Order(2)
    void aKilledTaskManagerLosesNoAcknowledgedRecord() throws Exception {
        try (KinesisClients.Client admin = KinesisClients.create(KinesisClients.Kind.SYNC_CBOR, endpoint())) {
            admin.api().createStream(b -> b.streamName("kills").shardCount(2));
            List<Shard> shards = Streams.awaitActive(admin.api(), "kills").streamDescription().shards();
            // No SDK retries: each put attempt has data of its own, so a record stored twice can only be Sluice's doing.
            RetryingProducers producers = new RetryingProducers(endpoint(), "kills", 4);
            TailingConsumer consumer = new TailingConsumer(endpoint(), "kills", shards);
            producers.start();
            consumer.start();
            producers.awaitAcked(100, Duration.ofSeconds(120));
            long killedAt = System.nanoTime();
            flink.killTaskManager(1);
            int ackedAtKill = producers.acked().size();
            producers.awaitAcked(ackedAtKill + 100, Duration.ofSeconds(180));
            producers.stop();
            assertThat(producers.failure()).isNull();
            long recovery = TimeUnit.NANOSECONDS.toMillis(producers.firstSuccessStartedAfter(killedAt) - killedAt);

            // The job failed over: both readers run again, on the surviving TaskManager.
            assertThat(flink.taskManagersRunning(job, "HttpRequestSource")).isEqualTo(1);
            assertThat(front.liveReaders(HttpService.STREAMS)).hasSize(2);

            AckVerdict verdict = AckVerdict.assertExactlyOnce(admin.api(), "kills", shards, producers.acked(), consumer);
            System.out.printf("RECOVERY ms=%d (acknowledged %d, %d before the kill; put attempts that failed %d; stored %d;"
                            + " acknowledged lost %d; stored twice %d)%n", recovery, producers.acked().size(), ackedAtKill,
                    producers.failedAttempts(), verdict.stored(), verdict.lost().size(), verdict.duplicated().size());
        }
        assertThat(flink.jobState(job)).isEqualTo("RUNNING");
    }

    /**
     * The cluster's settings for failover tests: parallelism 2 spread over both TaskManagers, restarts without a limit
     * every 500 ms, checkpoints every 100 ms, and heartbeats that find a killed TaskManager at once (its RPCs are
     * refused: after heartbeat.rpc-failure-threshold misses, about 2 s) while a loaded machine's pauses cause none.
     */
    static Map<String, String> failoverConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("parallelism.default", "2");
        config.put("taskmanager.load-balance.mode", "SLOTS"); // spread the two slots the job takes over both TaskManagers
        config.put("restart-strategy.type", "fixed-delay");
        config.put("restart-strategy.fixed-delay.attempts", "1000");
        config.put("restart-strategy.fixed-delay.delay", "500 ms");
        config.put("execution.checkpointing.interval", "100 ms");
        config.put("heartbeat.interval", "1000");
        config.put("heartbeat.timeout", "30000");
        return config;
    }

    /** The front on a free loopback port, forwarding to the readers published in {@code readers}. */
    static Configuration frontConfig(Path readers) {
        Configuration frontConf = new Configuration();
        frontConf.set(HttpSourceOptions.STREAMS.publishDir, readers.toString());
        frontConf.set(FrontOptions.HOST, "127.0.0.1");
        frontConf.set(FrontOptions.STREAMS_PORT, 0);
        frontConf.set(FrontOptions.READER_WAIT, Duration.ofSeconds(20)); // under the clients' 30 s socket timeout
        frontConf.set(FrontOptions.SCAN_INTERVAL, Duration.ofMillis(100));
        return frontConf;
    }

    /** The cluster's logs, kept in target/ for a look after a failure. */
    private static void keepLogs() throws java.io.IOException {
        Path kept = Files.createDirectories(Path.of("target", "ClusterFrontITCase-logs"));
        try (var files = Files.list(dir)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".out") || f.toString().endsWith(".err")).toList()) {
                Files.copy(log, kept.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static URI endpoint() {
        return URI.create("http://127.0.0.1:" + front.port(HttpService.STREAMS));
    }
}
