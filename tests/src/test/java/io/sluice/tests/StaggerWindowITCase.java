package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.analytics.functions.SluiceFunctions;
import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
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
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * {@code STAGGER} over the {@code kinesis} table, records put with the AWS SDK into a 2-shard stream of the real
 * ingest job: on an event-time column the windows of AWS's stagger example (REFERENCE section 3) and a second
 * ticker's on the other shard come out exactly; on {@code arrival_time} a window closes by the clock although no
 * record is put after its rows (and the other shard never has one).
 */
class StaggerWindowITCase {

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(4);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension SLUICE = SluiceExtension.with(conf -> conf.set(CoreOptions.DEFAULT_PARALLELISM, 2));

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private static LocalDateTime t(String hhmmss) {
        return LocalDateTime.parse("2026-12-01T" + hhmmss);
    }

    /**
     * Shard 0 holds AWS's four AMZN rows (ROWTIME as the data column {@code rt}), shard 1 three NFLX rows; each shard
     * ends with a row far ahead (filtered out) whose watermark closes every window before it: AWS's two windows and
     * NFLX's two, exactly.
     */
    @Test
    void eventTimeWindowsOverTwoShardsAreExact() throws Exception {
        try (Client admin = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = admin.api();
            List<String> hashKeys = createStream(kinesis, "tickers", 2);
            put(kinesis, "tickers", hashKeys.get(0), row("11:00:20", "11:00:10", "AMZN"), row("11:00:30", "11:00:20", "AMZN"),
                    row("11:01:05", "11:00:55", "AMZN"), row("11:01:15", "11:01:05", "AMZN"), row("12:00:00", "12:00:00", "END"));
            put(kinesis, "tickers", hashKeys.get(1), row("11:00:05", "11:00:05", "NFLX"), row("11:00:40", "11:00:40", "NFLX"),
                    row("11:01:10", "11:01:10", "NFLX"), row("12:00:00", "12:00:00", "END"));

            StreamTableEnvironment tables = tables();
            tables.executeSql("CREATE TABLE tickers (rt TIMESTAMP(3), event_time TIMESTAMP(3), ticker STRING,"
                    + " WATERMARK FOR rt AS rt - INTERVAL '1' SECOND) WITH (" + connector("tickers") + ")");
            tables.executeSql("CREATE TEMPORARY VIEW by_minute AS SELECT rt, FLOOR(event_time TO MINUTE) AS event_minute, ticker"
                    + " FROM tickers WHERE ticker <> 'END'");
            List<Row> rows = first(4, tables.executeSql("SELECT window_end, event_minute, ticker, ticker_count"
                    + " FROM STAGGER(input => TABLE by_minute PARTITION BY (event_minute, ticker), on_time => DESCRIPTOR(rt),"
                    + " size => INTERVAL '1' MINUTE, aggregates => 'COUNT(*) AS ticker_count')"));
            assertThat(rows).containsExactlyInAnyOrder(
                    Row.of(t("11:01:20"), t("11:00:00"), "AMZN", 3L),
                    Row.of(t("11:02:15"), t("11:01:00"), "AMZN", 1L),
                    Row.of(t("11:01:05"), t("11:00:00"), "NFLX", 2L),
                    Row.of(t("11:02:10"), t("11:01:00"), "NFLX", 1L));
        }
    }

    /**
     * Three records of one key are put on shard 0 and then nothing more, on either shard: the caught-up shards'
     * watermarks follow the clock, and the window that the first record opened closes 2 s after its arrival time,
     * with every record that arrived before then (computed from the arrival times GetRecords reports).
     */
    @Test
    void anArrivalTimeWindowClosesByTheClockWithNoFurtherRecord() throws Exception {
        try (Client admin = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = admin.api();
            List<String> hashKeys = createStream(kinesis, "arrivals", 2);
            StreamTableEnvironment tables = tables();
            tables.executeSql("CREATE TABLE arrivals (ticker STRING, price DOUBLE,"
                    + " arrived TIMESTAMP_LTZ(3) METADATA FROM 'arrival_time' VIRTUAL,"
                    + " WATERMARK FOR arrived AS arrived - INTERVAL '1' SECOND) WITH (" + connector("arrivals") + ")");
            TableResult result = tables.executeSql("SELECT ticker, window_start, window_end, n, total FROM STAGGER("
                    + "input => TABLE arrivals PARTITION BY ticker, on_time => DESCRIPTOR(arrived), size => INTERVAL '2' SECOND,"
                    + " aggregates => 'COUNT(*) AS n, SUM(price) AS total')");
            for (int i = 1; i <= 3; i++) {
                String json = "{\"ticker\":\"AMZN\",\"price\":" + i + ".5}";
                kinesis.putRecord(b -> b.streamName("arrivals").partitionKey("AMZN").explicitHashKey(hashKeys.get(0))
                        .data(SdkBytes.fromUtf8String(json)));
            }
            List<Row> expected = expectedWindows(kinesis, "arrivals", 2_000);
            assertThat(first(expected.size(), result)).containsExactlyElementsOf(expected);
        }
    }

    /** Stagger windows of 'AMZN' over the stream's records by their arrival times, as GetRecords reports them. */
    private static List<Row> expectedWindows(KinesisClient kinesis, String stream, long sizeMillis) {
        List<Record> records = new ArrayList<>();
        for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
            records.addAll(Streams.readAll(kinesis, stream, shard.shardId(), 100));
        }
        records.sort(Comparator.comparing(Record::approximateArrivalTimestamp));
        List<Row> windows = new ArrayList<>();
        long start = 0;
        long n = 0;
        double total = 0;
        for (Record r : records) {
            long arrival = r.approximateArrivalTimestamp().toEpochMilli();
            if (n > 0 && arrival >= start + sizeMillis) {
                windows.add(window(start, sizeMillis, n, total));
                n = 0;
                total = 0;
            }
            if (n == 0) {
                start = arrival;
            }
            n++;
            total += Double.parseDouble(r.data().asUtf8String().replaceAll(".*\"price\":([0-9.]+).*", "$1"));
        }
        windows.add(window(start, sizeMillis, n, total));
        return windows;
    }

    private static Row window(long start, long size, long n, double total) {
        return Row.of("AMZN", Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + size), n, total);
    }

    private static String row(String rt, String eventTime, String ticker) {
        return "{\"rt\":\"2026-12-01 " + rt + ".000\",\"event_time\":\"2026-12-01 " + eventTime + ".000\",\"ticker\":\"" + ticker + "\"}";
    }

    private static void put(KinesisClient kinesis, String stream, String hashKey, String... rows) {
        for (String json : rows) {
            kinesis.putRecord(b -> b.streamName(stream).partitionKey("pk").explicitHashKey(hashKey).data(SdkBytes.fromUtf8String(json)));
        }
    }

    private static List<String> createStream(KinesisClient kinesis, String name, int shards) throws InterruptedException {
        kinesis.createStream(b -> b.streamName(name).shardCount(shards));
        Streams.awaitActive(kinesis, name);
        return kinesis.listShards(b -> b.streamName(name)).shards().stream()
                .sorted(Comparator.comparing(Shard::shardId))
                .map(s -> s.hashKeyRange().startingHashKey())
                .toList();
    }

    private static String connector(String stream) {
        return "'connector' = 'kinesis', 'stream' = '" + stream + "', 'aws.endpoint' = '" + SLUICE.endpoint()
                + "', 'format' = 'json', 'scan.stream.initpos' = 'TRIM_HORIZON', 'scan.shard.discovery.interval' = '500 ms'";
    }

    private static StreamTableEnvironment tables() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.getConfig().setLocalTimeZone(ZoneOffset.UTC);
        SluiceFunctions.register(tables);
        return tables;
    }

    /**
     * The first {@code count} rows of a streaming query, then the job is cancelled; a watchdog cancels it at the
     * deadline (a blocked collect iterator ignores interrupts), which fails the test with the rows so far.
     */
    static List<Row> first(int count, TableResult result) throws Exception {
        JobClient job = result.getJobClient().orElseThrow();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        watchdog.schedule(() -> job.cancel(), DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            while (rows.size() < count) {
                boolean more;
                try {
                    more = it.hasNext();
                } catch (RuntimeException cancelled) {
                    throw new AssertionError("Only " + rows + " within " + DEADLINE, cancelled);
                }
                if (!more) {
                    throw new AssertionError("Only " + rows + " within " + DEADLINE);
                }
                rows.add(it.next());
            }
        } finally {
            watchdog.shutdownNow();
        }
        return rows;
    }
}
