package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.Tag;

/**
 * Acknowledged means durable: a producer writes while the TaskManager running the whole job is
 * killed; the job restarts from its latest checkpoint on a new TaskManager, and every acknowledged
 * record is read back exactly once, in order per shard, with the sequence number it was acknowledged
 * with. Nothing is ever duplicated by Sluice.
 */
class DurabilityITCase {

    /** Kills "TaskManager 0": one test per class, so that it is a live one. */
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path checkpoints;

    /** One acknowledged record: which batch it was in, its data, and what Sluice answered. */
    record Acked(String data, String shardId, String sequenceNumber) {}

    @Test
    void acknowledgedRecordsSurviveATaskManagerFailure(@InjectMiniCluster MiniCluster cluster) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 100);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        try (SluiceTestServer sluice = SluiceTestServer.start(checkpoints, conf);
                Client admin = KinesisClients.create(Kind.SYNC_CBOR, sluice.endpoint())) {
            admin.api().createStream(b -> b.streamName("durable").shardCount(4));
            admin.api().createStream(b -> b.streamName("bystander").shardCount(1));
            List<Shard> shards = Streams.awaitActive(admin.api(), "durable").streamDescription().shards();
            Streams.awaitActive(admin.api(), "bystander");
            // Control-plane state (registry and catalog) must come back too: a reshard, tags, retention.
            admin.api().splitShard(b -> b.streamName("bystander").shardToSplit("shardId-000000000000")
                    .newStartingHashKey(BigInteger.ONE.shiftLeft(127).toString()));
            Streams.awaitActive(admin.api(), "bystander");
            admin.api().addTagsToStream(b -> b.streamName("bystander").tags(Map.of("team", "ingest")));
            admin.api().increaseStreamRetentionPeriod(b -> b.streamName("bystander").retentionPeriodHours(48));

            List<Acked> acked = new ArrayList<>();
            AtomicInteger failedCalls = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger batches = new AtomicInteger();
            KinesisClient producer = noRetryClient(sluice);
            Thread writer = new Thread(() -> {
                while (!stop.get()) {
                    int batch = batches.getAndIncrement();
                    List<PutRecordsRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + (i % 7))
                                .data(SdkBytes.fromUtf8String("b" + batch + "-r" + i)).build());
                    }
                    try {
                        PutRecordsResponse r = producer.putRecords(b -> b.streamName("durable").records(entries));
                        synchronized (acked) {
                            for (int i = 0; i < entries.size(); i++) {
                                acked.add(new Acked(entries.get(i).data().asUtf8String(), r.records().get(i).shardId(),
                                        r.records().get(i).sequenceNumber()));
                            }
                        }
                    } catch (RuntimeException e) {
                        failedCalls.incrementAndGet();
                    }
                }
            }, "producer");
            writer.start();

            awaitAcked(acked, 300);
            cluster.terminateTaskManager(0).get();
            cluster.startTaskManager();
            int ackedAtFailure;
            synchronized (acked) {
                ackedAtFailure = acked.size();
            }
            awaitAcked(acked, ackedAtFailure + 300);
            stop.set(true);
            writer.join();
            producer.close();

            assertThat(failedCalls.get()).as("calls that failed while the job restarted").isPositive();
            assertThat(admin.api().listStreams().streamNames()).contains("durable", "bystander");
            StreamDescription bystander = admin.api().describeStream(b -> b.streamName("bystander")).streamDescription();
            assertThat(bystander.shards()).extracting(Shard::parentShardId).containsExactly(null, "shardId-000000000000", "shardId-000000000000");
            assertThat(bystander.retentionPeriodHours()).isEqualTo(48);
            assertThat(admin.api().listTagsForStream(b -> b.streamName("bystander")).tags()).extracting(Tag::key).containsExactly("team");
            assertThat(admin.api().describeLimits(b -> {}).openShardCount()).isEqualTo(6);

            Map<String, List<Acked>> ackedByShard = new HashMap<>();
            for (Acked a : acked) {
                ackedByShard.computeIfAbsent(a.shardId(), k -> new ArrayList<>()).add(a);
            }
            List<String> everything = new ArrayList<>();
            for (Shard shard : shards) {
                List<Record> read = Streams.readAll(admin.api(), "durable", shard.shardId(), 10_000);
                read.forEach(r -> everything.add(r.data().asUtf8String()));
                Map<String, Record> bySequence = new HashMap<>();
                read.forEach(r -> bySequence.put(r.sequenceNumber(), r));
                List<Acked> expected = ackedByShard.getOrDefault(shard.shardId(), List.of());
                List<Integer> positions = new ArrayList<>();
                for (Acked a : expected) {
                    Record r = bySequence.get(a.sequenceNumber());
                    assertThat(r).as("acknowledged %s on %s", a, shard.shardId()).isNotNull();
                    assertThat(r.data().asUtf8String()).isEqualTo(a.data());
                    positions.add(read.indexOf(r));
                }
                assertThat(positions).as("acknowledged records keep their order on %s", shard.shardId()).isSorted();
            }
            assertThat(everything).as("no record is stored twice").doesNotHaveDuplicates();
            assertThat(everything).containsAll(acked.stream().map(Acked::data).toList());
        }
    }

    private static void awaitAcked(List<Acked> acked, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            synchronized (acked) {
                if (acked.size() >= count) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " records acknowledged in time");
            }
            Thread.sleep(20); // polling interval of a deadline loop
        }
    }

    private static KinesisClient noRetryClient(SluiceTestServer sluice) {
        return KinesisClient.builder()
                .endpointOverride(sluice.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(10)).connectionTimeout(Duration.ofSeconds(1)))
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .build();
    }
}
