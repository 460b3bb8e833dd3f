package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * {@code 'connector' = 'kinesis'} in Flink SQL against Sluice: a query over a live stream returns exact
 * rows with Kinesis metadata columns, and INSERT INTO writes csv, raw and avro records that read back.
 */
class KinesisTableITCase {

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(4);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension SLUICE = SluiceExtension.with(conf -> conf.set(CoreOptions.DEFAULT_PARALLELISM, 2));

    @Test
    void aQueryOverALiveStreamReturnsExactRowsWithMetadata() throws Exception {
        try (Client admin = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = admin.api();
            kinesis.createStream(b -> b.streamName("clicks").shardCount(2));
            Streams.awaitActive(kinesis, "clicks");
            Map<Integer, String> shardOf = new HashMap<>();
            for (int i = 0; i < 10; i++) {
                shardOf.put(i, putClick(kinesis, i));
            }
            StreamTableEnvironment tables = tables();
            tables.executeSql(clicksTable("clicks", "TRIM_HORIZON"));
            TableResult result = tables.executeSql("SELECT `user`, page, n, pk, shard, arrived IS NOT NULL FROM clicks WHERE MOD(n, 2) = 0");
            // The query is running: these arrive while it reads.
            for (int i = 10; i < 20; i++) {
                shardOf.put(i, putClick(kinesis, i));
            }
            // Then a last record for each key the query keeps (u0, u2): a shard keeps a key's records in
            // order, so once both last ones are read, every earlier one is, and a record delivered twice
            // (before its key's last) is in the list twice.
            List<Integer> lasts = List.of(100, 102);
            for (int i : lasts) {
                shardOf.put(i, putClick(kinesis, i));
            }
            List<Row> rows = new ArrayList<>();
            Set<Integer> lastsRead = new HashSet<>();
            try (CloseableIterator<Row> it = result.collect()) {
                while (lastsRead.size() < lasts.size() && it.hasNext()) {
                    Row row = it.next();
                    rows.add(row);
                    Integer n = row.getFieldAs(2);
                    if (lasts.contains(n)) {
                        lastsRead.add(n);
                    }
                }
            }
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < 20; i += 2) {
                kept.add(i);
            }
            kept.addAll(lasts);
            List<Row> expected = kept.stream().map(i -> Row.of("u" + (i % 4), "p" + i, i, "u" + (i % 4), shardOf.get(i), true)).toList();
            assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void insertIntoWritesCsvRawAndAvroThatReadBack() throws Exception {
        try (Client admin = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = admin.api();
            for (String stream : List.of("events", "as-csv", "as-raw", "as-avro")) {
                kinesis.createStream(b -> b.streamName(stream).shardCount(2));
                Streams.awaitActive(kinesis, stream);
            }
            for (int i = 0; i < 8; i++) {
                putClick(kinesis, "events", i);
            }
            StreamTableEnvironment tables = tables();
            tables.executeSql(clicksTable("events", "TRIM_HORIZON"));
            tables.executeSql("CREATE TABLE as_csv (`user` STRING, n INT) PARTITIONED BY (`user`) WITH (" + connector("as-csv") + ", 'format' = 'csv')");
            tables.executeSql("CREATE TABLE as_raw (page STRING) WITH (" + connector("as-raw") + ", 'format' = 'raw')");
            tables.executeSql("CREATE TABLE as_avro (`user` STRING, page STRING, n INT) WITH (" + connector("as-avro")
                    + ", 'format' = 'avro', 'scan.stream.initpos' = 'TRIM_HORIZON')");
            StatementSet inserts = tables.createStatementSet();
            inserts.addInsertSql("INSERT INTO as_csv SELECT `user`, n FROM events");
            inserts.addInsertSql("INSERT INTO as_raw SELECT page FROM events");
            inserts.addInsertSql("INSERT INTO as_avro SELECT `user`, page, n FROM events");
            TableResult writing = inserts.execute();
            try {
                List<Record> csv = awaitRecords(kinesis, "as-csv", 8);
                Set<String> csvLines = new HashSet<>();
                for (Record r : csv) {
                    csvLines.add(r.data().asUtf8String().trim());
                    assertThat(r.data().asUtf8String()).startsWith(r.partitionKey() + ",");
                }
                Set<String> expectedCsv = new HashSet<>();
                Set<String> expectedPages = new HashSet<>();
                for (int i = 0; i < 8; i++) {
                    expectedCsv.add("u" + (i % 4) + "," + i);
                    expectedPages.add("p" + i);
                }
                assertThat(csvLines).isEqualTo(expectedCsv);
                Set<String> pages = new HashSet<>();
                awaitRecords(kinesis, "as-raw", 8).forEach(r -> pages.add(r.data().asUtf8String()));
                assertThat(pages).isEqualTo(expectedPages);

                awaitRecords(kinesis, "as-avro", 8);
                // The stream holds exactly 8 records (awaitRecords), so 8 rows with one twice would miss one.
                List<Row> avroRows = new ArrayList<>();
                try (CloseableIterator<Row> it = tables.executeSql("SELECT `user`, page, n FROM as_avro").collect()) {
                    while (avroRows.size() < 8 && it.hasNext()) {
                        avroRows.add(it.next());
                    }
                }
                List<Row> expectedRows = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    expectedRows.add(Row.of("u" + (i % 4), "p" + i, i));
                }
                assertThat(avroRows).containsExactlyInAnyOrderElementsOf(expectedRows);
            } finally {
                writing.getJobClient().orElseThrow().cancel().get();
            }
        }
    }

    @Test
    void badOptionsAreRejectedWhenTheTableIsPlanned() {
        StreamTableEnvironment tables = tables();
        tables.executeSql("CREATE TABLE no_time (a STRING) WITH (" + connector("x") + ", 'format' = 'json', 'scan.stream.initpos' = 'AT_TIMESTAMP')");
        assertThatThrownBy(() -> tables.explainSql("SELECT * FROM no_time"))
                .hasStackTraceContaining("scan.stream.initpos = AT_TIMESTAMP needs scan.stream.initpos-timestamp");
        tables.executeSql("CREATE TABLE big_batch (a STRING) WITH (" + connector("x") + ", 'format' = 'json', 'sink.batch.max-size' = '501')");
        assertThatThrownBy(() -> tables.explainSql("INSERT INTO big_batch SELECT 'v'"))
                .hasStackTraceContaining("sink.batch.max-size must be 1 to 500, not 501");
        tables.executeSql("CREATE TABLE nested_key (a ROW<b STRING>, c STRING) PARTITIONED BY (a) WITH (" + connector("x") + ", 'format' = 'json')");
        assertThatThrownBy(() -> tables.explainSql("INSERT INTO nested_key SELECT ROW('b'), 'c'"))
                .hasStackTraceContaining("PARTITIONED BY column a of a Kinesis table must be atomic");
        tables.executeSql("CREATE TABLE no_stream (a STRING) WITH ('connector' = 'kinesis', 'format' = 'json')");
        assertThatThrownBy(() -> tables.explainSql("SELECT * FROM no_stream")).hasStackTraceContaining("stream");
    }

    private static StreamTableEnvironment tables() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        return StreamTableEnvironment.create(env);
    }

    private static String clicksTable(String stream, String initPos) {
        return "CREATE TABLE " + stream + " (`user` STRING, page STRING, n INT,"
                + " pk STRING METADATA FROM 'partition_key' VIRTUAL, shard STRING METADATA FROM 'shard_id' VIRTUAL,"
                + " seq STRING METADATA FROM 'sequence_number' VIRTUAL, arrived TIMESTAMP_LTZ(3) METADATA FROM 'arrival_time' VIRTUAL)"
                + " WITH (" + connector(stream) + ", 'format' = 'json', 'scan.stream.initpos' = '" + initPos + "')";
    }

    private static String connector(String stream) {
        return "'connector' = 'kinesis', 'stream' = '" + stream + "', 'aws.endpoint' = '" + SLUICE.endpoint()
                + "', 'scan.shard.discovery.interval' = '500 ms', 'sink.flush-buffer.timeout' = '100 ms'";
    }

    private static String putClick(KinesisClient kinesis, int i) {
        return putClick(kinesis, "clicks", i);
    }

    private static String putClick(KinesisClient kinesis, String stream, int i) {
        String json = "{\"user\":\"u" + (i % 4) + "\",\"page\":\"p" + i + "\",\"n\":" + i + "}";
        PutRecordResponse r = kinesis.putRecord(b -> b.streamName(stream).partitionKey("u" + (i % 4)).data(SdkBytes.fromUtf8String(json)));
        return r.shardId();
    }

    /** Every record of the stream once there are {@code count}, polled with a deadline. */
    private static List<Record> awaitRecords(KinesisClient kinesis, String stream, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<Record> all = new ArrayList<>();
            for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
                all.addAll(Streams.readAll(kinesis, stream, shard.shardId(), 10_000));
            }
            if (all.size() >= count) {
                assertThat(all).hasSize(count);
                return all;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(stream + " has " + all.size() + " of " + count + " records");
            }
            Thread.sleep(100); // polling interval of a deadline loop
        }
    }
}
