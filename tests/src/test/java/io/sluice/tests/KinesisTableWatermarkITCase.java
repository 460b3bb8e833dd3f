package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The {@code kinesis} table's {@code WATERMARK} is generated per shard inside the source: event-time
 * windows over several shards read unevenly count every row (none is late because another shard ran
 * ahead), a shard without rows does not stop windows once the idle timeout is set, a closed parent
 * shard does not hold event time back after a reshard, nor does a reader that owns no shard, and
 * {@code arrival_time} can be the rowtime.
 * Each stream is written whole before or while its query runs; rows put in a shard carry growing
 * event times ({@code ts}), every 100 ms from {@link #BASE}, so each 10-second window holds 100 rows.
 */
class KinesisTableWatermarkITCase {

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(4);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension SLUICE = SluiceExtension.with(conf -> conf.set(CoreOptions.DEFAULT_PARALLELISM, 2));

    private static final LocalDateTime BASE = LocalDateTime.of(2026, 12, 1, 10, 0, 0);
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    /** A row far past the windows counted, one per shard: its watermark closes every window before it. */
    private static final int END_MARKER = -1;
    private static final String COUNT_PER_WINDOW = "SELECT window_start, COUNT(*) AS n"
            + " FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end";

    /**
     * The case: 1,000 rows over 4 shards, shard 3 lagging. Shards 0–2 hold their rows up to
     * 99.9 s (and their end markers) when the query starts, shard 3 only its rows up to 19.9 s; the rest
     * of shard 3 is put after the first window has closed. A watermark over the mixed shards would be
     * near 99 s by then and drop shard 3's later rows as late; per-shard watermarks wait for shard 3.
     */
    @Test
    void windowsOverShardsReadUnevenlyCountEveryRow() throws Exception {
        try (Client admin = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = admin.api();
            List<String> hashKeys = createStream(kinesis, "uneven", 4);
            List<Integer> early = new ArrayList<>();
            List<Integer> lagging = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                (i % 4 == 3 && i >= 200 ? lagging : early).add(i);
            }
            putRows(kinesis, "uneven", hashKeys, early, i -> i % 4);
            putRows(kinesis, "uneven", hashKeys, List.of(END_MARKER, END_MARKER, END_MARKER), List.of(0, 1, 2)::get);

            StreamTableEnvironment tables = tables(2);
            tables.executeSql(eventTimeTable("uneven", ""));
            try (Windows windows = new Windows(tables.executeSql(COUNT_PER_WINDOW))) {
                windows.next();
                // Shard 3's other rows arrive only now.
                putRows(kinesis, "uneven", hashKeys, lagging, i -> 3);
                putRows(kinesis, "uneven", hashKeys, List.of(END_MARKER), i -> 3);
                windows.until(BASE.plusSeconds(90));
                assertThat(windows.sorted()).containsExactlyElementsOf(hundredPerWindow(0, 10));
            }
        }
    }

    /**
     * Three shards hold 600 rows, the fourth none: once the idle timeout (the table's option, or the
     * session's {@code table.exec.source.idle-timeout}) marks the empty shard idle, every window closes.
     * The timeout is 3 s, not less: a shard with rows whose reads stall that long (a loaded machine) is
     * idle too, and its later rows count as late — what idleness means, but not what this test is about.
     */
    @ParameterizedTest
    @ValueSource(strings = {"scan.watermark.idle-timeout", "table.exec.source.idle-timeout"})
    void anIdleShardDoesNotStopWindowsOnceTheIdleTimeoutIsSet(String option) throws Exception {
        String stream = option.startsWith("scan") ? "idle-by-table" : "idle-by-session";
        try (Client admin = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = admin.api();
            List<String> hashKeys = createStream(kinesis, stream, 4);
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                rows.add(i);
            }
            putRows(kinesis, stream, hashKeys, rows, i -> i % 3);
            putRows(kinesis, stream, hashKeys, List.of(END_MARKER, END_MARKER, END_MARKER), List.of(0, 1, 2)::get);

            StreamTableEnvironment tables = tables(2);
            if (option.startsWith("scan")) {
                tables.executeSql(eventTimeTable(stream, ", 'scan.watermark.idle-timeout' = '3 s'"));
            } else {
                tables.getConfig().set("table.exec.source.idle-timeout", "3 s");
                tables.executeSql(eventTimeTable(stream, ""));
            }
            try (Windows windows = new Windows(tables.executeSql(COUNT_PER_WINDOW))) {
                windows.until(BASE.plusSeconds(50));
                assertThat(windows.sorted()).containsExactlyElementsOf(hundredPerWindow(0, 6));
            }
        }
    }

    /**
     * A one-shard stream is split after its rows up to 29.9 s; its two children then get the rows up
     * to 59.9 s. The closed parent's output is released when it is read to its end, so its last
     * watermark (28.9 s) does not hold back the windows that its children's rows fall in. One reader:
     * with two, a child handed to a reader whose other shard is already further in event time would
     * find its earlier rows late (as a new Kafka partition would), which is not what this test is about.
     */
    @Test
    void aClosedParentShardDoesNotHoldBackEventTime() throws Exception {
        try (Client admin = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = admin.api();
            List<String> parent = createStream(kinesis, "resharded", 1);
            List<Integer> parentEra = new ArrayList<>();
            List<Integer> childEra = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                (i < 300 ? parentEra : childEra).add(i);
            }
            putRows(kinesis, "resharded", parent, parentEra, i -> 0);
            kinesis.splitShard(b -> b.streamName("resharded").shardToSplit("shardId-000000000000")
                    .newStartingHashKey(BigInteger.ONE.shiftLeft(127).toString()));
            Streams.awaitActive(kinesis, "resharded");
            List<String> children = openShardHashKeys(kinesis, "resharded");
            assertThat(children).hasSize(2);
            putRows(kinesis, "resharded", children, childEra, i -> i % 2);
            putRows(kinesis, "resharded", children, List.of(END_MARKER, END_MARKER), List.of(0, 1)::get);

            StreamTableEnvironment tables = tables(1);
            tables.executeSql(eventTimeTable("resharded", ""));
            try (Windows windows = new Windows(tables.executeSql(COUNT_PER_WINDOW))) {
                windows.until(BASE.plusSeconds(50));
                assertThat(windows.sorted()).containsExactlyElementsOf(hundredPerWindow(0, 6));
            }
        }
    }

    /**
     * Three readers over two shards, no idle timeout: the reader that owns neither shard is told so once the shards
     * are listed, and marks its output idle, so it does not hold back the windows. Without that word from the
     * enumerator no window would ever close.
     */
    @Test
    void aReaderWithoutShardsDoesNotHoldBackEventTime() throws Exception {
        try (Client admin = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = admin.api();
            List<String> hashKeys = createStream(kinesis, "more-readers", 2);
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                ids.add(i);
            }
            putRows(kinesis, "more-readers", hashKeys, ids, i -> i % 2);
            putRows(kinesis, "more-readers", hashKeys, List.of(END_MARKER, END_MARKER), List.of(0, 1)::get);

            StreamTableEnvironment tables = tables(3);
            tables.executeSql(eventTimeTable("more-readers", ""));
            try (Windows windows = new Windows(tables.executeSql(COUNT_PER_WINDOW))) {
                windows.until(BASE.plusSeconds(30));
                assertThat(windows.sorted()).containsExactlyElementsOf(hundredPerWindow(0, 4));
            }
        }
    }

    /**
     * {@code WATERMARK FOR arrived} on the {@code arrival_time} metadata column: the watermark is pushed
     * into the source (no watermark operator after it), and one-second windows count the rows by the
     * arrival times that GetRecords reports for them. Rows put after those windows' ends (plus the
     * watermark's second) close them.
     */
    @Test
    void arrivalTimeIsARowtimeWatermarkedInTheSource() throws Exception {
        try (Client admin = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = admin.api();
            List<String> hashKeys = createStream(kinesis, "arrivals", 2);
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                rows.add(i);
            }
            putRows(kinesis, "arrivals", hashKeys, rows.subList(0, 20), i -> i % 2);
            Streams.awaitClockPast(System.currentTimeMillis() / 1000 * 1000 + 1000);
            putRows(kinesis, "arrivals", hashKeys, rows.subList(20, 40), i -> i % 2);
            long lastWindowEnd = System.currentTimeMillis() / 1000 * 1000 + 1000;
            Streams.awaitClockPast(lastWindowEnd + 1000);
            putRows(kinesis, "arrivals", hashKeys, List.of(END_MARKER, END_MARKER), List.of(0, 1)::get);

            Map<LocalDateTime, Long> expected = new TreeMap<>();
            for (Shard shard : kinesis.listShards(b -> b.streamName("arrivals")).shards()) {
                for (Record r : Streams.readAll(kinesis, "arrivals", shard.shardId(), 10_000)) {
                    long arrival = r.approximateArrivalTimestamp().toEpochMilli();
                    if (r.data().asUtf8String().contains("\"id\":" + END_MARKER + ",")) {
                        assertThat(arrival).as("end marker's arrival").isGreaterThanOrEqualTo(lastWindowEnd + 1000);
                    } else {
                        expected.merge(LocalDateTime.ofInstant(Instant.ofEpochMilli(arrival / 1000 * 1000), ZoneOffset.UTC), 1L, Long::sum);
                    }
                }
            }

            StreamTableEnvironment tables = tables(2);
            tables.getConfig().setLocalTimeZone(ZoneOffset.UTC);
            tables.executeSql("CREATE TABLE arrivals (id INT, ts TIMESTAMP(3),"
                    + " arrived TIMESTAMP_LTZ(3) METADATA FROM 'arrival_time' VIRTUAL,"
                    + " WATERMARK FOR arrived AS arrived - INTERVAL '1' SECOND)"
                    + " WITH (" + connector("arrivals") + ")");
            String query = "SELECT window_start, COUNT(*) AS n"
                    + " FROM TABLE(TUMBLE(TABLE arrivals, DESCRIPTOR(arrived), INTERVAL '1' SECOND)) GROUP BY window_start, window_end";
            String plan = tables.explainSql(query);
            String executed = plan.substring(plan.indexOf("== Optimized Execution Plan =="));
            assertThat(executed).contains("TableSourceScan(table=[[default_catalog, default_database, arrivals, metadata=[arrival_time], watermark=[")
                    .doesNotContain("WatermarkAssigner");
            try (Windows windows = new Windows(tables.executeSql(query))) {
                while (windows.rows().size() < expected.size()) {
                    windows.next();
                }
                Map<LocalDateTime, Long> counted = new TreeMap<>();
                windows.rows().forEach(w -> counted.put(w.getFieldAs(0), w.getFieldAs(1)));
                assertThat(counted).isEqualTo(expected);
            }
        }
    }

    /** Creates a stream and returns the starting hash key of each of its shards, in shard order. */
    private static List<String> createStream(KinesisClient kinesis, String name, int shards) throws InterruptedException {
        kinesis.createStream(b -> b.streamName(name).shardCount(shards));
        Streams.awaitActive(kinesis, name);
        return openShardHashKeys(kinesis, name);
    }

    /** The starting hash keys of the stream's open shards, in shard order. */
    private static List<String> openShardHashKeys(KinesisClient kinesis, String name) {
        return kinesis.listShards(b -> b.streamName(name)).shards().stream()
                .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
                .sorted(Comparator.comparing(Shard::shardId))
                .map(s -> s.hashKeyRange().startingHashKey())
                .toList();
    }

    /** Which of the shards (an index into the hash keys) a row goes to. */
    private interface ShardOf {
        int of(int id);
    }

    /** Puts the rows in order, each to its shard (by explicit hash key); row {@code i} has {@code ts} = BASE + i × 100 ms. */
    private static void putRows(KinesisClient kinesis, String stream, List<String> hashKeys, List<Integer> ids, ShardOf shardOf) {
        List<PutRecordsRequestEntry> batch = new ArrayList<>();
        for (int n = 0; n < ids.size(); n++) {
            int id = ids.get(n);
            int shard = id == END_MARKER ? shardOf.of(n) : shardOf.of(id);
            LocalDateTime ts = id == END_MARKER ? BASE.plusSeconds(1000) : BASE.plusNanos(id * 100_000_000L);
            String json = "{\"id\":" + id + ",\"ts\":\"" + SQL_TIME.format(ts) + "\"}";
            batch.add(PutRecordsRequestEntry.builder().partitionKey("shard-" + shard).explicitHashKey(hashKeys.get(shard))
                    .data(SdkBytes.fromUtf8String(json)).build());
            if (batch.size() == 500 || n == ids.size() - 1) {
                List<PutRecordsRequestEntry> entries = List.copyOf(batch);
                assertThat(kinesis.putRecords(b -> b.streamName(stream).records(entries)).failedRecordCount()).isZero();
                batch.clear();
            }
        }
    }

    private static String eventTimeTable(String stream, String moreOptions) {
        return "CREATE TABLE src (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)"
                + " WITH (" + connector(stream) + moreOptions + ")";
    }

    private static String connector(String stream) {
        return "'connector' = 'kinesis', 'stream' = '" + stream + "', 'aws.endpoint' = '" + SLUICE.endpoint()
                + "', 'format' = 'json', 'scan.stream.initpos' = 'TRIM_HORIZON', 'scan.shard.discovery.interval' = '500 ms'";
    }

    private static StreamTableEnvironment tables(int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        return StreamTableEnvironment.create(env);
    }

    /**
     * A window query's rows as they come. Its job is cancelled at a deadline (a blocked collect
     * iterator ignores interrupts), and a row asked for after that fails the test with the rows so far.
     */
    private static final class Windows implements AutoCloseable {
        private static final Duration DEADLINE = Duration.ofSeconds(90);

        private final CloseableIterator<Row> it;
        private final List<Row> rows = new ArrayList<>();
        private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();

        Windows(TableResult result) {
            JobClient job = result.getJobClient().orElseThrow();
            this.it = result.collect();
            watchdog.schedule(() -> job.cancel(), DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        }

        Row next() {
            boolean more;
            try {
                more = it.hasNext();
            } catch (RuntimeException cancelled) {
                throw new AssertionError("No more window rows within " + DEADLINE + "; had " + sorted(), cancelled);
            }
            if (!more) {
                throw new AssertionError("No more window rows within " + DEADLINE + "; had " + sorted());
            }
            Row row = it.next();
            rows.add(row);
            return row;
        }

        /** Reads rows until the window starting at {@code last}. */
        void until(LocalDateTime last) {
            while (rows.stream().noneMatch(w -> last.equals(w.getField(0)))) {
                next();
            }
        }

        List<Row> rows() {
            return rows;
        }

        List<Row> sorted() {
            return rows.stream().sorted(Comparator.comparing(w -> (LocalDateTime) w.getField(0))).toList();
        }

        @Override
        public void close() throws Exception {
            watchdog.shutdownNow();
            it.close();
        }
    }

    private static List<Row> hundredPerWindow(int first, int count) {
        List<Row> rows = new ArrayList<>();
        for (int w = first; w < first + count; w++) {
            rows.add(Row.of(BASE.plusSeconds(10L * w), 100L));
        }
        return rows;
    }
}
