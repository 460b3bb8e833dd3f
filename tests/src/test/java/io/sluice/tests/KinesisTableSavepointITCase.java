package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.analytics.functions.SluiceFunctions;
import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The {@code kinesis} table over a savepoint ({@code scan.savepoint.path}): rows with an event time {@code ts} put with
 * the AWS SDK into three shards of the real ingest job; a tumbling and a {@code STAGGER} query run over the live stream
 * (per-shard watermarks, closed by an END row on every shard) and give their exact windows; then, over a savepoint of
 * the ingest job, the same queries over the same table declared with {@code scan.savepoint.path} run as bounded jobs in
 * streaming mode and give exactly the live rows. Shard 0 ends with {@value #FILLERS} filler rows after its END row and
 * the replay's watermark interval is 1 ms, so a watermark generated per record during the replay would find shards 1
 * and 2 late, and the windows would differ. The metadata columns come from the replayed records (as GetRecords
 * reports them), and bad input (not a savepoint, a stream not in it, no ingest job on the classpath) fails clearly.
 */
class KinesisTableSavepointITCase {

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(4);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension SLUICE = SluiceExtension.defaults();

    private static final String STREAM = "trades";
    private static final String TABLE = "CREATE TABLE trades (ts TIMESTAMP(3), ticker STRING, price DOUBLE,"
            + " shard STRING METADATA FROM 'shard_id' VIRTUAL, seq STRING METADATA FROM 'sequence_number' VIRTUAL,"
            + " pk STRING METADATA FROM 'partition_key' VIRTUAL, arrived TIMESTAMP_LTZ(3) METADATA FROM 'arrival_time' VIRTUAL,"
            + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'kinesis', 'stream' = '" + STREAM + "',"
            + " 'format' = 'json', ";
    private static final String VIEW = "CREATE TEMPORARY VIEW live_trades AS SELECT ts, ticker, price FROM trades"
            + " WHERE ticker NOT IN ('END', 'FILL')";
    /** Rows put to shard 0 after its END row, so that replay spends a while on shard 0 after its last event time. */
    private static final int FILLERS = 3_000;
    private static final String TUMBLING = "SELECT ticker, window_start, window_end, COUNT(*) AS n, SUM(price) AS total"
            + " FROM TABLE(TUMBLE(TABLE live_trades, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY ticker, window_start, window_end";
    private static final String STAGGER = "SELECT ticker, window_start, window_end, n, total FROM STAGGER(input => TABLE live_trades"
            + " PARTITION BY ticker, on_time => DESCRIPTOR(ts), size => INTERVAL '1' MINUTE, aggregates => 'COUNT(*) AS n, SUM(price) AS total')";

    private static final List<Row> TUMBLING_WINDOWS = List.of(
            window("AMZN", "11:00:00", "11:01:00", 3, 6), window("AMZN", "11:01:00", "11:02:00", 2, 9),
            window("AMZN", "11:02:00", "11:03:00", 1, 6),
            window("NFLX", "11:00:00", "11:01:00", 2, 30), window("NFLX", "11:01:00", "11:02:00", 1, 30),
            window("NFLX", "11:03:00", "11:04:00", 1, 40),
            window("AAPL", "11:00:00", "11:01:00", 2, 400), window("AAPL", "11:01:00", "11:02:00", 1, 400),
            window("MSFT", "11:00:00", "11:01:00", 1, 200), window("MSFT", "11:02:00", "11:03:00", 1, 500));
    private static final List<Row> STAGGER_WINDOWS = List.of(
            window("AMZN", "11:00:10", "11:01:10", 4, 10), window("AMZN", "11:01:20", "11:02:20", 1, 5),
            window("AMZN", "11:02:30", "11:03:30", 1, 6),
            window("NFLX", "11:00:05", "11:01:05", 2, 30), window("NFLX", "11:01:10", "11:02:10", 1, 30),
            window("NFLX", "11:03:00", "11:04:00", 1, 40),
            window("AAPL", "11:00:00", "11:01:00", 2, 400), window("AAPL", "11:01:00", "11:02:00", 1, 400),
            window("MSFT", "11:00:30", "11:01:30", 1, 200), window("MSFT", "11:02:00", "11:03:00", 1, 500));

    private static Path dir;
    private static String savepoint;
    private static List<Row> liveTumbling;
    private static List<Row> liveStagger;
    /** Each shard's records as GetRecords returns them, shard by shard. */
    private static List<Record> records;
    /** The shard of each of {@link #records}. */
    private static List<String> recordShards;

    /** Puts the rows, runs both queries over the live stream, then takes the savepoint. */
    @BeforeAll
    static void putQueryLiveAndSavepoint() throws Exception {
        dir = Files.createTempDirectory("table-savepoint-it-");
        try (Client admin = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = admin.api();
            kinesis.createStream(b -> b.streamName(STREAM).shardCount(3));
            Streams.awaitActive(kinesis, STREAM);
            List<Shard> shards = kinesis.listShards(b -> b.streamName(STREAM)).shards().stream()
                    .sorted(Comparator.comparing(Shard::shardId)).toList();
            put(kinesis, shards.get(0), "AMZN", "11:00:10", 1, "11:00:20", 2, "11:00:55", 3, "11:01:05", 4, "11:01:20", 5, "11:02:30", 6);
            put(kinesis, shards.get(1), "NFLX", "11:00:05", 10, "11:00:40", 20, "11:01:10", 30, "11:03:00", 40);
            put(kinesis, shards.get(2), "AAPL", "11:00:00", 100);
            put(kinesis, shards.get(2), "MSFT", "11:00:30", 200);
            put(kinesis, shards.get(2), "AAPL", "11:00:59.999", 300, "11:01:00", 400);
            put(kinesis, shards.get(2), "MSFT", "11:02:00", 500);
            for (Shard shard : shards) {
                put(kinesis, shard, "END", "12:00:00", 0);
            }
            putFillers(kinesis, shards.get(0));
            records = new ArrayList<>();
            recordShards = new ArrayList<>();
            for (Shard shard : shards) {
                for (Record r : Streams.readAll(kinesis, STREAM, shard.shardId(), 10_000)) {
                    records.add(r);
                    recordShards.add(shard.shardId());
                }
            }
        }
        assertThat(records).hasSize(18 + FILLERS);

        StreamTableEnvironment live = tables("'aws.endpoint' = '" + SLUICE.endpoint() + "', 'scan.stream.initpos' = 'TRIM_HORIZON',"
                + " 'scan.shard.discovery.interval' = '500 ms'");
        liveTumbling = StaggerWindowITCase.first(TUMBLING_WINDOWS.size(), live.executeSql(TUMBLING));
        liveStagger = StaggerWindowITCase.first(STAGGER_WINDOWS.size(), live.executeSql(STAGGER));
        savepoint = SLUICE.job().triggerSavepoint(dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL).get();
    }

    @AfterAll
    static void deleteFiles() throws Exception {
        TestDirs.delete(dir);
    }

    @Test
    void theLiveRunGivesTheExpectedWindows() {
        assertThat(liveTumbling).containsExactlyInAnyOrderElementsOf(TUMBLING_WINDOWS);
        assertThat(liveStagger).containsExactlyInAnyOrderElementsOf(STAGGER_WINDOWS);
    }

    @Test
    void aTumblingWindowOverTheSavepointGivesTheLiveRunsRows() throws Exception {
        assertThat(all(replay().executeSql(TUMBLING).collect())).containsExactlyInAnyOrderElementsOf(liveTumbling).hasSize(10);
    }

    @Test
    void aStaggerWindowOverTheSavepointGivesTheLiveRunsRows() throws Exception {
        assertThat(all(replay().executeSql(STAGGER).collect())).containsExactlyInAnyOrderElementsOf(liveStagger).hasSize(10);
    }

    @Test
    void noWatermarkFlowsBeforeTheEndOfTheReplay() throws Exception {
        List<Row> rows = all(replay().executeSql("SELECT CURRENT_WATERMARK(ts) FROM trades").collect());
        assertThat(rows).hasSize(records.size()).allSatisfy(row -> assertThat(row.getField(0)).isNull());
    }

    @Test
    void rowsComeInShardOrderWithTheRecordsMetadata() throws Exception {
        List<Row> rows = all(replay().executeSql("SELECT ticker, shard, seq, pk, arrived FROM trades").collect());
        List<Row> expected = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Record r = records.get(i);
            expected.add(Row.of(ticker(r), recordShards.get(i), r.sequenceNumber(), r.partitionKey(), r.approximateArrivalTimestamp()));
        }
        // Shards without common lineage are read in parallel: each shard's rows in sequence order, shards interleaved.
        for (String shard : new TreeSet<>(recordShards)) {
            assertThat(rows.stream().filter(r -> r.getField(1).equals(shard)).toList()).as(shard)
                    .containsExactlyElementsOf(expected.stream().filter(r -> r.getField(1).equals(shard)).toList());
        }
        assertThat(rows).hasSameSizeAs(expected);
    }

    @Test
    void aRangeOfArrivalTimesReadsOnlyTheRecordsInIt() throws Exception {
        Record firstNflx = records.stream().filter(r -> ticker(r).equals("NFLX")).findFirst().orElseThrow();
        long from = firstNflx.approximateArrivalTimestamp().toEpochMilli();
        StreamTableEnvironment tables = tables("'scan.savepoint.path' = '" + savepoint + "', 'scan.savepoint.start' = '" + from + "'");
        List<Row> rows = all(tables.executeSql("SELECT seq FROM trades").collect());
        assertThat(rows).containsExactlyInAnyOrderElementsOf(records.stream().filter(r -> r.approximateArrivalTimestamp().toEpochMilli() >= from)
                .map(r -> Row.of(r.sequenceNumber())).toList());
        assertThat(rows).hasSizeLessThan(records.size());
    }

    @Test
    void twoScansOfSavepointsRunInOneJob() throws Exception {
        long from = records.stream().filter(r -> ticker(r).equals("NFLX")).findFirst().orElseThrow().approximateArrivalTimestamp().toEpochMilli();
        StreamTableEnvironment tables = replay();
        tables.executeSql("CREATE TABLE later (ticker STRING) WITH ('connector' = 'kinesis', 'stream' = 'trades', 'format' = 'json',"
                + " 'scan.savepoint.path' = '" + savepoint + "', 'scan.savepoint.start' = '" + from + "')");
        List<Row> rows = all(tables.executeSql("SELECT ticker FROM live_trades UNION ALL SELECT ticker FROM later WHERE ticker = 'NFLX'").collect());
        assertThat(rows.stream().filter(r -> r.getField(0).equals("NFLX"))).hasSize(2 * 4);
        assertThat(rows).hasSize(15 + 4);
    }

    @Test
    void aPathThatIsNotASavepointOrAStreamNotInItFailsClearly() throws Exception {
        Path notASavepoint = Files.createDirectories(dir.resolve("not-a-savepoint"));
        assertThatThrownBy(() -> tables("'scan.savepoint.path' = '" + notASavepoint + "'")).hasStackTraceContaining(
                "scan.savepoint.path: " + notASavepoint + " is not a savepoint or retained checkpoint of the ingest job");

        StreamTableEnvironment tables = tables("'scan.savepoint.path' = '" + savepoint + "'");
        tables.executeSql("CREATE TABLE payments (v STRING) WITH ('connector' = 'kinesis', 'stream' = 'payments', 'format' = 'json',"
                + " 'scan.savepoint.path' = '" + savepoint + "')");
        assertThatThrownBy(() -> tables.executeSql("SELECT * FROM payments")).hasStackTraceContaining(
                "scan.savepoint.path: Stream payments is not in " + savepoint + "; it holds the streams trades");

        tables.executeSql("CREATE TABLE live_start (v STRING) WITH ('connector' = 'kinesis', 'stream' = 'trades', 'format' = 'json',"
                + " 'scan.savepoint.path' = '" + savepoint + "', 'scan.stream.initpos' = 'TRIM_HORIZON')");
        assertThatThrownBy(() -> tables.executeSql("SELECT * FROM live_start")).hasStackTraceContaining(
                "scan.stream.initpos is for the live stream; a table over a savepoint (scan.savepoint.path) reads all the records it holds");

        tables.executeSql("CREATE TABLE no_path (v STRING) WITH ('connector' = 'kinesis', 'stream' = 'trades', 'format' = 'json',"
                + " 'aws.endpoint' = '" + SLUICE.endpoint() + "', 'scan.savepoint.start' = '0')");
        assertThatThrownBy(() -> tables.executeSql("SELECT * FROM no_path")).hasStackTraceContaining(
                "scan.savepoint.start is only for a table over a savepoint: add scan.savepoint.path.");

        tables.executeSql("CREATE TABLE bad_start (v STRING) WITH ('connector' = 'kinesis', 'stream' = 'trades', 'format' = 'json',"
                + " 'scan.savepoint.path' = '" + savepoint + "', 'scan.savepoint.start' = 'yesterday')");
        assertThatThrownBy(() -> tables.executeSql("SELECT * FROM bad_start")).hasStackTraceContaining(
                "scan.savepoint.path: scan.savepoint.start=yesterday is neither an arrival time");
    }

    @Test
    void withoutTheIngestJobOnTheClasspathTheOptionIsRefused() {
        TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.newInstance().inStreamingMode()
                .withClassLoader(new WithoutSavepointReader(getClass().getClassLoader())).build());
        tables.executeSql("CREATE TABLE t (v STRING) WITH ('connector' = 'kinesis', 'stream' = 'trades', 'format' = 'json',"
                + " 'scan.savepoint.path' = '" + savepoint + "')");
        assertThatThrownBy(() -> tables.explainSql("SELECT * FROM t")).hasStackTraceContaining(
                "scan.savepoint.path needs Sluice's ingest-job on the classpath");
    }

    // --- helpers

    /** A class loader that hides the savepoint reader's service registration, as a classpath without the ingest job would. */
    private static final class WithoutSavepointReader extends ClassLoader {
        WithoutSavepointReader(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return name.endsWith("io.sluice.common.connector.savepoint.SavepointStreamReader") ? Collections.emptyEnumeration()
                    : super.getResources(name);
        }
    }

    /** {@code trades} over the savepoint, with a 1 ms watermark interval (which must not matter). */
    private static StreamTableEnvironment replay() {
        StreamTableEnvironment tables = tables("'scan.savepoint.path' = '" + savepoint + "'");
        tables.getConfig().set("pipeline.auto-watermark-interval", "1 ms");
        return tables;
    }

    /** A table environment (parallelism 2, UTC, Sluice's functions) with {@code trades} and {@code live_trades}. */
    private static StreamTableEnvironment tables(String options) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.getConfig().setLocalTimeZone(ZoneOffset.UTC);
        SluiceFunctions.register(tables);
        tables.executeSql(TABLE + options + ")");
        tables.executeSql(VIEW);
        return tables;
    }

    private static List<Row> all(CloseableIterator<Row> rows) throws Exception {
        List<Row> all = new ArrayList<>();
        try (rows) {
            rows.forEachRemaining(all::add);
        }
        return all;
    }

    private static Row window(String ticker, String start, String end, long n, double total) {
        return Row.of(ticker, LocalDateTime.parse("2026-12-01T" + start), LocalDateTime.parse("2026-12-01T" + end), n, total);
    }

    /** Puts {@code ticker}'s rows (pairs of time and price) to {@code shard}, with the ticker as partition key. */
    private static void put(KinesisClient kinesis, Shard shard, String ticker, Object... timesAndPrices) {
        for (int i = 0; i < timesAndPrices.length; i += 2) {
            String json = "{\"ts\":\"2026-12-01 " + timesAndPrices[i] + "\",\"ticker\":\"" + ticker + "\",\"price\":" + timesAndPrices[i + 1] + "}";
            kinesis.putRecord(b -> b.streamName(STREAM).partitionKey(ticker).explicitHashKey(shard.hashKeyRange().startingHashKey())
                    .data(SdkBytes.fromUtf8String(json)));
        }
    }

    /** {@value #FILLERS} rows of ticker FILL at 12:00:00, by PutRecords. */
    private static void putFillers(KinesisClient kinesis, Shard shard) {
        for (int call = 0; call < FILLERS / 500; call++) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey("FILL").explicitHashKey(shard.hashKeyRange().startingHashKey())
                        .data(SdkBytes.fromUtf8String("{\"ts\":\"2026-12-01 12:00:00\",\"ticker\":\"FILL\",\"price\":0}")).build());
            }
            assertThat(kinesis.putRecords(b -> b.streamName(STREAM).records(entries)).failedRecordCount()).isZero();
        }
    }

    private static String ticker(Record r) {
        return r.data().asUtf8String().replaceAll(".*\"ticker\":\"([A-Z]+)\".*", "$1");
    }
}
