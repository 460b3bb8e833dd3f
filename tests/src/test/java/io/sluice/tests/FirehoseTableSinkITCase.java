package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.delivery.DeliveryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * {@code 'connector' = 'firehose'} in Flink SQL: an INSERT INTO job on the test's MiniCluster writes rows
 * by PutRecordBatch into Sluice's Firehose service, running beside it, and the delivered objects hold
 * exactly those rows, one JSON object per line. Direct PUT is capped at 50 records a second per delivery
 * stream here, so a job that sends faster is told "Slow down." and every row still arrives, once.
 */
class FirehoseTableSinkITCase {

    /** Flink's test reporter, registered in the cluster's configuration (static because the cluster is). */
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    private static final long RECORDS_PER_SECOND = 50;

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(4, METRICS.addToConfiguration(new Configuration()));

    @RegisterExtension
    @Order(2)
    static final SluiceExtension FIREHOSE = SluiceExtension.firehoseWithLocalBuckets(conf -> {
        conf.set(DeliveryOptions.QUOTA_RECORDS_PER_SECOND, RECORDS_PER_SECOND);
    });

    @Test
    void insertIntoDeliversEveryRowAsOneJsonLine() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            FirehoseLocalDeliveryITCase.createS3Stream(firehose, "orders", "orders-bucket", 1, 0, "UNCOMPRESSED");
            StreamTableEnvironment tables = tables();
            tables.executeSql("CREATE TABLE orders (id INT, customer STRING, paid BOOLEAN) WITH (" + firehoseTable("orders") + ")");
            tables.executeSql("INSERT INTO orders VALUES (1, 'ann', TRUE), (2, 'bob', FALSE), (3, 'cid', TRUE), (4, 'ann', FALSE),"
                    + " (5, 'dee', TRUE)").await();

            List<String> objects = awaitLines("orders-bucket", 5);
            assertThat(objects).allSatisfy(object -> assertThat(object).endsWith("\n"));
            assertThat(lines(objects)).containsExactlyInAnyOrder(
                    "{\"id\":1,\"customer\":\"ann\",\"paid\":true}",
                    "{\"id\":2,\"customer\":\"bob\",\"paid\":false}",
                    "{\"id\":3,\"customer\":\"cid\",\"paid\":true}",
                    "{\"id\":4,\"customer\":\"ann\",\"paid\":false}",
                    "{\"id\":5,\"customer\":\"dee\",\"paid\":true}");
        }
    }

    @Test
    void withoutTheSinksDelimiterAppendDelimiterToRecordSeparatesTheRows() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            firehose.createDeliveryStream(b -> b.deliveryStreamName("delimited").deliveryStreamType("DirectPut")
                    .extendedS3DestinationConfiguration(d -> d.roleARN("arn:aws:iam::000000000000:role/firehose")
                            .bucketARN("arn:aws:s3:::delimited-bucket")
                            .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                            .processingConfiguration(p -> p.enabled(true).processors(r -> r.type("AppendDelimiterToRecord")))));
            FirehoseStreams.awaitActive(firehose, "delimited");
            StreamTableEnvironment tables = tables();
            tables.executeSql("CREATE TABLE delimited (id INT) WITH (" + firehoseTable("delimited") + ", 'sink.record-delimiter' = '')");
            tables.executeSql("INSERT INTO delimited VALUES (1), (2), (3)").await();

            List<String> objects = awaitLines("delimited-bucket", 3);
            assertThat(lines(objects)).containsExactlyInAnyOrder("{\"id\":1}", "{\"id\":2}", "{\"id\":3}");
            assertThat(String.join("", objects)).doesNotContain("\n\n");
        }
    }

    @Test
    void slowDownIsRetriedUntilEveryRowIsInExactlyOnce() throws Exception {
        int rows = 300;
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            FirehoseLocalDeliveryITCase.createS3Stream(firehose, "throttled", "throttled-bucket", 1, 0, "UNCOMPRESSED");
            StreamTableEnvironment tables = tables();
            tables.executeSql("CREATE TABLE numbers (n INT) WITH ('connector' = 'datagen', 'number-of-rows' = '" + rows + "',"
                    + " 'fields.n.kind' = 'sequence', 'fields.n.start' = '1', 'fields.n.end' = '" + rows + "')");
            tables.executeSql("CREATE TABLE throttled (n INT) WITH (" + firehoseTable("throttled") + ", 'sink.batch.max-size' = '10')");
            long started = System.nanoTime();
            TableResult insert = tables.executeSql("INSERT INTO throttled SELECT n FROM numbers");
            insert.await();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            Map<String, Integer> copies = new HashMap<>();
            for (String line : lines(awaitLines("throttled-bucket", rows))) {
                copies.merge(line, 1, Integer::sum);
            }
            List<String> missing = new ArrayList<>();
            for (int n = 1; n <= rows; n++) {
                if (!copies.containsKey("{\"n\":" + n + "}")) {
                    missing.add("n=" + n);
                }
            }
            assertThat(missing).as("rows the sink lost").isEmpty();
            long duplicates = copies.values().stream().mapToLong(c -> c - 1).sum();
            // At-least-once in general: a call whose answer is lost is sent again. Here no answer is lost and nothing
            // fails over, and a call refused with "Slow down." took none of its records, so there are none.
            assertThat(duplicates).as("rows delivered twice").isZero();
            assertThat(copies).hasSize(rows);

            // They got there through the quota: 300 rows at 50 a second (the bucket starts with one second's worth)
            // cannot all be taken in under 5 s, and the sink sent them in far less, so calls were refused and retried.
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds((rows - RECORDS_PER_SECOND) / RECORDS_PER_SECOND));
            JobID job = insert.getJobClient().orElseThrow().getJobID();
            Map<String, Metric> retried = METRICS.findMetrics(job, "\\.numRecordsRetried$");
            assertThat(retried).as("numRecordsRetried of the sink's writer").hasSize(1);
            assertThat(retried.values().stream().mapToLong(m -> ((Counter) m).getCount()).sum()).as("records retried").isPositive();
        }
    }

    @Test
    void aRowOver1000KiBFailsTheJobSayingSo() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            FirehoseLocalDeliveryITCase.createS3Stream(firehose, "large", "large-bucket", 1, 0, "UNCOMPRESSED");
            StreamTableEnvironment tables = tables();
            tables.executeSql("CREATE TABLE oversized (s STRING) WITH (" + firehoseTable("large") + ")");
            TableResult insert = tables.executeSql("INSERT INTO oversized VALUES (REPEAT('x', 1100000))");
            assertThatThrownBy(insert::await).hasStackTraceContaining(
                    "A record for Firehose delivery stream large is 1,100,009 bytes (with its delimiter); PutRecordBatch takes at most"
                            + " 1,024,000 bytes (1,000 KiB) per record.");
            assertThat(FIREHOSE.buckets().objects("large-bucket")).isEmpty();
        }
    }

    @Test
    void badTablesAreRejectedWhenPlanned() {
        StreamTableEnvironment tables = tables();
        tables.executeSql("CREATE TABLE big_batch (a STRING) WITH (" + firehoseTable("x") + ", 'sink.batch.max-size' = '501')");
        assertThatThrownBy(() -> tables.explainSql("INSERT INTO big_batch SELECT 'v'"))
                .hasStackTraceContaining("sink.batch.max-size must be 1 to 500, not 501");
        tables.executeSql("CREATE TABLE no_stream (a STRING) WITH ('connector' = 'firehose', 'format' = 'json')");
        assertThatThrownBy(() -> tables.explainSql("INSERT INTO no_stream SELECT 'v'")).hasStackTraceContaining("delivery-stream");
        tables.executeSql("CREATE TABLE counts (k STRING, c BIGINT) WITH (" + firehoseTable("x") + ")");
        assertThatThrownBy(() -> tables.explainSql("INSERT INTO counts SELECT k, COUNT(*) FROM (VALUES ('a'), ('a')) AS t(k) GROUP BY k"))
                .hasStackTraceContaining("doesn't support consuming update changes");
    }

    private static StreamTableEnvironment tables() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        return StreamTableEnvironment.create(env);
    }

    private static String firehoseTable(String deliveryStream) {
        return "'connector' = 'firehose', 'delivery-stream' = '" + deliveryStream + "', 'aws.endpoint' = '" + FIREHOSE.endpoint()
                + "', 'format' = 'json', 'sink.flush-buffer.timeout' = '100 ms'";
    }

    /** The bucket's committed objects once they hold {@code count} lines, polled with a deadline; checks there are no more. */
    private static List<String> awaitLines(String bucket, int count) throws InterruptedException {
        Streams.await(count + " lines in " + bucket, () -> lines(contents(bucket)).size() >= count, Duration.ofSeconds(60));
        List<String> objects = contents(bucket);
        assertThat(lines(objects)).hasSize(count);
        return objects;
    }

    private static List<String> contents(String bucket) {
        List<String> objects = new ArrayList<>();
        for (Path object : FIREHOSE.buckets().objects(bucket)) {
            try {
                objects.add(Files.readString(object, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return objects;
    }

    private static List<String> lines(List<String> objects) {
        List<String> lines = new ArrayList<>();
        for (String object : objects) {
            for (String line : object.split("\n")) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }
}
