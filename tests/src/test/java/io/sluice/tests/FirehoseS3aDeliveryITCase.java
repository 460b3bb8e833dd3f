package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.delivery.DeliveryOptions;
import io.sluice.delivery.s3.CompressionFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Firehose delivery to a real S3-protocol server (S3Proxy, in process on loopback) through Hadoop S3A
 * and Flink's recoverable writer, read back with the AWS SDK's S3 client: an exact GZIP object, and
 * exactly-once delivery while the TaskManager is killed mid-way through a stream of flushes.
 */
class FirehoseS3aDeliveryITCase {

    private static final S3TestServer S3 = S3TestServer.start();

    static {
        try (S3Client s3 = S3.client()) {
            s3.createBucket(b -> b.bucket("lake"));
            s3.createBucket(b -> b.bucket("durable"));
        }
        // Flink's s3a:// reads its s3.* keys when the file systems are initialized; the MiniCluster gets them too.
        FileSystem.initialize(S3.flinkS3Options(), null);
    }

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(S3.flinkS3Options())
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    @RegisterExtension
    @Order(2)
    static final SluiceExtension FIREHOSE = SluiceExtension.firehose(FirehoseS3aDeliveryITCase::s3aSettings);

    @TempDir
    Path checkpoints;

    private static void s3aSettings(Configuration conf) {
        conf.addAll(S3.flinkS3Options());
        conf.set(DeliveryOptions.BUCKETS, DeliveryOptions.Buckets.S3A);
        conf.set(DeliveryOptions.CLOCK, "fixed:2026-12-05T09:14:03Z");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 100);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
    }

    @AfterAll
    static void stopS3() throws Exception {
        S3.close();
    }

    @Test
    void aGzipObjectLandsInTheBucketUnderAwsKey() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint()); S3Client s3 = S3.client()) {
            FirehoseLocalDeliveryITCase.createS3Stream(firehose, "events", "lake", 128, 0, "GZIP");
            firehose.putRecordBatch(b -> b.deliveryStreamName("events").records(record("alpha\n"), record("beta\n")));
            List<S3Object> objects = awaitObjects(s3, "lake", 1);
            assertThat(objects.get(0).key()).matches("2026/12/05/09/events-1-2026-12-05-09-14-03-[0-9a-f-]{36}\\.gz");
            assertThat(read(s3, "lake", objects.get(0).key(), CompressionFormat.GZIP)).isEqualTo("alpha\nbeta\n");
        }
    }

    @Test
    void everyAcknowledgedRecordLandsInExactlyOneObjectAcrossATaskManagerFailure(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        // Started here, not by the class's extension, so that it runs on the injected cluster whose TaskManager dies.
        // Checkpoints every second, flushes every 3 s (or MiB), so a flush holds records of several checkpoints. The
        // TaskManager is killed while an object is written and not committed (an S3 multipart upload is open): the
        // restored buffer holds records of that flush again, and they must not end up in two objects.
        Configuration conf = new Configuration();
        s3aSettings(conf);
        conf.set(DeliveryOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(1));
        try (SluiceTestServer server = SluiceTestServer.startFirehose(checkpoints, conf);
                FirehoseClient admin = FirehoseClients.create(server.endpoint());
                S3Client s3 = S3.client()) {
            FirehoseLocalDeliveryITCase.createS3Stream(admin, "ledger", "durable", 1, 3, "UNCOMPRESSED");
            List<String> acked = new ArrayList<>();
            AtomicInteger failedCalls = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            FirehoseClient producer = FirehoseClients.withoutRetries(server.endpoint());
            List<Thread> writers = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                String name = "p" + p;
                writers.add(new Thread(() -> {
                    for (int batch = 0; !stop.get(); batch++) {
                        List<Record> records = new ArrayList<>();
                        for (int i = 0; i < 10; i++) {
                            String id = name + "-b" + batch + "-r" + i + "-";
                            records.add(record(id + "x".repeat(10_000 - id.length()) + "\n"));
                        }
                        try {
                            producer.putRecordBatch(b -> b.deliveryStreamName("ledger").records(records));
                            synchronized (acked) {
                                records.forEach(r -> acked.add(r.data().asUtf8String()));
                            }
                        } catch (RuntimeException e) {
                            failedCalls.incrementAndGet();
                        }
                    }
                }, "firehose-producer-" + p));
            }
            writers.forEach(Thread::start);
            try {
                int target = 300;
                for (int failure = 0; failure < 2; failure++) {
                    awaitAcked(acked, target);
                    awaitUploadInProgress(s3, "durable");
                    cluster.terminateTaskManager(0).get();
                    cluster.startTaskManager();
                    synchronized (acked) {
                        target = acked.size() + 200;
                    }
                }
                awaitAcked(acked, target);
            } finally {
                stop.set(true);
                for (Thread writer : writers) {
                    writer.join();
                }
                producer.close();
            }
            assertThat(failedCalls.get()).as("calls that failed while the job restarted").isPositive();

            List<String> ackedCopy;
            synchronized (acked) {
                ackedCopy = List.copyOf(acked);
            }
            Streams.await("every acknowledged record in an object", () -> delivered(s3).keySet().containsAll(ackedCopy),
                    Duration.ofSeconds(60));
            Map<String, Integer> delivered = delivered(s3);
            assertThat(delivered.entrySet().stream().filter(e -> e.getValue() != 1).map(e -> e.getKey().substring(0, 12)).toList())
                    .as("records delivered more than once").isEmpty();
            assertThat(delivered.keySet()).containsAll(ackedCopy);
        }
    }

    /** How often each record line appears across the bucket's objects. */
    private static Map<String, Integer> delivered(S3Client s3) {
        Map<String, Integer> counts = new HashMap<>();
        for (S3Object object : S3TestServer.objects(s3, "durable")) {
            String body = s3.getObjectAsBytes(b -> b.bucket("durable").key(object.key())).asUtf8String();
            for (String line : body.split("\n")) {
                counts.merge(line + "\n", 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Polls (without a pause: an upload is open for milliseconds) until an object is written and not yet committed. */
    private static void awaitUploadInProgress(S3Client s3, String bucket) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!S3TestServer.uploadInProgress(s3, bucket)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No multipart upload was open in " + bucket + " within 30 s");
            }
        }
    }

    private static void awaitAcked(List<String> acked, int count) throws InterruptedException {
        Streams.await(count + " acknowledged records", () -> {
            synchronized (acked) {
                return acked.size() >= count;
            }
        }, Duration.ofSeconds(120));
    }

    private static Record record(String data) {
        return Record.builder().data(SdkBytes.fromUtf8String(data)).build();
    }

    private static List<S3Object> awaitObjects(S3Client s3, String bucket, int count) throws InterruptedException {
        Streams.await(count + " objects in " + bucket, () -> S3TestServer.objects(s3, bucket).size() >= count, Duration.ofSeconds(30));
        List<S3Object> objects = S3TestServer.objects(s3, bucket);
        assertThat(objects).hasSize(count);
        return objects;
    }

    private static String read(S3Client s3, String bucket, String key, CompressionFormat format) throws IOException {
        try (InputStream in = format.unwrap(s3.getObject(b -> b.bucket(bucket).key(key)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
