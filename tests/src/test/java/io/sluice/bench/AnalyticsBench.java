package io.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import io.sluice.analytics.functions.SluiceFunctions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The analytics benchmark (issue 14's figures): rows/s of a window aggregation over a live Sluice stream against
 * the same query over rows generated in memory in plain Flink (the engine's ceiling on this machine), and the delay
 * from the watermark passing a window's end to the window's result row. Both throughput runs use the same SQL
 * ({@link AnalyticsQueries}), parallelism and state backend; the Sluice run reads a stream preloaded by
 * {@link EventPreload} on the embedded cluster of {@code bin/sluice} (submitted through its REST address), the plain
 * run a {@code datagen} table on a local cluster in this JVM. Each run is timed two ways: from submission to the last
 * result row ("overall", start-up included), and from the first result row to the last ("steady"), over the rows
 * read in between. Every run checks its result: windows x keys rows whose counts add up to the rows written.
 *
 * <p>Options (all {@code --key=value}): {@code endpoint} (Sluice's Kinesis endpoint), {@code rest} (HOST:PORT of the
 * cluster running the Sluice side), {@code rows} (2,000,000), {@code keys} (100), {@code shards} (4),
 * {@code parallelism} (2), {@code state-backend} (rocksdb), {@code runs} ("plain sluice latency"; also {@code files}:
 * plain Flink over the same JSON records in local files, the same format as the stream's table), {@code queries}
 * ("tumbling stagger"), {@code time-format} (how the Sluice side reads event time: {@code iso}, the default, or
 * {@code millis}),
 * {@code latency-seconds} (30), {@code rate} (rows/s of the latency run, 2,000), {@code json} (a file for the
 * figures). {@code bin/bench analytics} starts Sluice and runs it.
 */
public final class AnalyticsBench {

    private final Map<String, String> options;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    private AnalyticsBench(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                System.err.println("options are --key=value; see AnalyticsBench's Javadoc");
                System.exit(2);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        new AnalyticsBench(options).run();
        System.exit(0);
    }

    private String option(String key, String defaultValue) {
        return options.getOrDefault(key, defaultValue);
    }

    private void run() throws Exception {
        long rows = Long.parseLong(option("rows", "2000000"));
        int keys = Integer.parseInt(option("keys", "100"));
        long windowRows = AnalyticsQueries.WINDOW_SECONDS * 1000L;
        if (rows % windowRows != 0 || windowRows % keys != 0) {
            throw new IllegalArgumentException("--rows must be a multiple of " + windowRows + " and --keys divide it");
        }
        String runs = " " + option("runs", "plain sluice latency") + " ";
        List<String> queries = List.of(option("queries", "tumbling stagger").trim().split("\\s+"));
        figures.put("rows", rows);
        figures.put("keys", keys);
        figures.put("parallelism", Integer.parseInt(option("parallelism", "2")));
        if (runs.contains(" plain ")) {
            for (String query : queries) {
                report("plain Flink, datagen", query, throughput(localTables(), AnalyticsQueries.generatedSource(rows, keys), query, rows, keys), rows);
            }
        }
        if (runs.contains(" files ")) {
            // One file per reader: each reads its file in event-time order, as a reader of the stream its shards.
            Path directory = Path.of(option("files-dir", "target/bench/analytics/json")).toAbsolutePath();
            int files = Integer.parseInt(option("parallelism", "2"));
            EventPreload.writeFiles(directory, files, rows, keys);
            for (String query : queries) {
                report("plain Flink, JSON files", query, throughput(localTables(),
                        AnalyticsQueries.fileSource(directory.toString(), option("time-format", "iso")), query, rows, keys), rows);
            }
        }
        if (runs.contains(" sluice ") || runs.contains(" latency ")) {
            try (KinesisClient kinesis = BenchStreams.client(option("endpoint", "http://127.0.0.1:4567"))) {
                if (runs.contains(" sluice ")) {
                    String stream = "analytics_bench_" + System.currentTimeMillis();
                    List<Shard> shards = BenchStreams.create(kinesis, stream, Integer.parseInt(option("shards", "4")));
                    long started = System.nanoTime();
                    EventPreload.write(kinesis, stream, shards, rows, keys);
                    System.err.printf(Locale.ROOT, "preloaded %,d rows into %d shards in %.1f s%n", rows, shards.size(),
                            (System.nanoTime() - started) / 1e9);
                    for (String query : queries) {
                        report("Sluice stream, kinesis table", query,
                                throughput(remoteTables(), AnalyticsQueries.streamSource(stream, option("endpoint", ""), option("time-format", "iso")),
                                        query, rows, keys), rows);
                    }
                }
                if (runs.contains(" latency ")) {
                    for (String query : queries) {
                        latency(kinesis, query);
                    }
                }
            }
        }
        String json = options.get("json");
        if (json != null) {
            Files.writeString(Path.of(json), toJson(figures));
        }
    }

    /** Runs the query to its last expected row (windows x keys); checks that the windows' counts add up to the rows. */
    private Timing throughput(TableEnvironment tables, String sourceDdl, String query, long rows, int keys) throws Exception {
        tables.executeSql(sourceDdl);
        long expectedRows = rows / (AnalyticsQueries.WINDOW_SECONDS * 1000L) * keys;
        long submitted = System.nanoTime();
        TableResult result = tables.executeSql(AnalyticsQueries.query(query, "ts", AnalyticsQueries.WINDOW_SECONDS));
        long first = 0;
        long last = 0;
        long results = 0;
        long counted = 0;
        long firstWindowRows = 0;
        try (CloseableIterator<Row> it = result.collect()) {
            while (results < expectedRows && it.hasNext()) {
                Row row = it.next();
                long n = ((Number) row.getField("n")).longValue();
                if (results == 0) {
                    first = System.nanoTime();
                }
                if (results < keys) { // the first window's rows: read before the first result
                    firstWindowRows += n;
                }
                results++;
                counted += n;
                last = System.nanoTime();
            }
        } // closing the iterator cancels the job when it still runs (the Sluice side never ends)
        if (results != expectedRows || counted != rows) {
            throw new IllegalStateException("wrong result: " + results + " window rows counting " + counted + " rows; expected "
                    + expectedRows + " counting " + rows);
        }
        return new Timing((last - submitted) / 1e9, (last - first) / 1e9, rows - firstWindowRows);
    }

    /** The figures of one throughput run. */
    private record Timing(double overallSeconds, double steadySeconds, long steadyRows) {}

    private void report(String name, String query, Timing t, long rows) {
        double overall = rows / t.overallSeconds();
        double steady = t.steadyRows() / t.steadySeconds();
        System.out.printf(Locale.ROOT, "%-8s %-30s overall %,10.0f rows/s (%.1f s)   steady %,10.0f rows/s (%.1f s)%n", query, name, overall,
                t.overallSeconds(), steady, t.steadySeconds());
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("overallRowsPerSecond", Math.round(overall));
        f.put("overallSeconds", t.overallSeconds());
        f.put("steadyRowsPerSecond", Math.round(steady));
        f.put("steadySeconds", t.steadySeconds());
        figures.put(query + (name.contains("files") ? "Files" : name.startsWith("plain") ? "Plain" : "Sluice"), f);
    }

    /**
     * Puts rows at {@code rate}/s into a 2-shard stream while the query with 1-second windows on arrival time runs, and
     * measures, for each result row, its delay after the watermark passed the window's end (window end + the
     * declared 200 ms) and after the window's end itself.
     */
    private void latency(KinesisClient kinesis, String query) throws Exception {
        String stream = "analytics_latency_" + System.currentTimeMillis();
        BenchStreams.create(kinesis, stream, 2);
        int rate = Integer.parseInt(option("rate", "2000"));
        Duration length = Duration.ofSeconds(Long.parseLong(option("latency-seconds", "30")));
        TableEnvironment tables = remoteTables();
        tables.executeSql(AnalyticsQueries.arrivalSource(stream, option("endpoint", "")));
        TableResult result = tables.executeSql(AnalyticsQueries.query(query, "arrived", 1));
        Histogram afterWatermark = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
        Histogram afterEnd = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
        Thread putter = new Thread(() -> putSteadily(kinesis, stream, rate, length), "latency-puts");
        long startedAt = System.currentTimeMillis();
        putter.start();
        long measureFrom = startedAt + 5_000; // the first windows carry the job's start-up
        long measureTo = startedAt + length.toMillis() - 1_500; // the last ones close only by idleness
        try (CloseableIterator<Row> it = result.collect()) {
            while (putter.isAlive() || System.currentTimeMillis() < startedAt + length.toMillis() + 5_000) {
                if (!it.hasNext()) {
                    break;
                }
                Row row = it.next();
                long now = System.currentTimeMillis();
                long end = epochMillis(row.getField("window_end"));
                if (end >= measureFrom && end <= measureTo) {
                    afterEnd.recordValue(Math.max(0, now - end));
                    afterWatermark.recordValue(Math.max(0, now - end - 200));
                }
                if (end > measureTo && !putter.isAlive()) {
                    break;
                }
            }
        } finally { // closing the iterator cancelled the job
            putter.join();
        }
        System.out.printf(Locale.ROOT, "%-8s latency (%d rows/s, %d windows x keys): after the watermark p50 %d ms p99 %d ms max %d ms;"
                        + " after the window's end p50 %d ms p99 %d ms%n", query, rate, afterEnd.getTotalCount(),
                afterWatermark.getValueAtPercentile(50), afterWatermark.getValueAtPercentile(99), afterWatermark.getMaxValue(),
                afterEnd.getValueAtPercentile(50), afterEnd.getValueAtPercentile(99));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("rate", rate);
        f.put("resultRows", afterEnd.getTotalCount());
        f.put("afterWatermarkP50Ms", afterWatermark.getValueAtPercentile(50));
        f.put("afterWatermarkP99Ms", afterWatermark.getValueAtPercentile(99));
        f.put("afterWatermarkMaxMs", afterWatermark.getMaxValue());
        f.put("afterWindowEndP50Ms", afterEnd.getValueAtPercentile(50));
        f.put("afterWindowEndP99Ms", afterEnd.getValueAtPercentile(99));
        figures.put(query + "Latency", f);
    }

    /** A window bound: TIMESTAMP(3) in the session's time zone (UTC, {@link #jobConfiguration}) or TIMESTAMP_LTZ(3). */
    private static long epochMillis(Object windowBound) {
        return windowBound instanceof Instant ? ((Instant) windowBound).toEpochMilli()
                : ((LocalDateTime) windowBound).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** Puts {@code rate} rows/s (10 keys) in batches every 50 ms for {@code length}. */
    private static void putSteadily(KinesisClient kinesis, String stream, int rate, Duration length) {
        int perTick = Math.max(1, rate / 20);
        long seq = 0;
        long next = System.nanoTime();
        long until = next + length.toNanos();
        while (next < until) {
            List<PutRecordsRequestEntry> batch = new ArrayList<>(perTick);
            long now = System.currentTimeMillis();
            for (int i = 0; i < perTick; i++, seq++) {
                batch.add(PutRecordsRequestEntry.builder().partitionKey("k" + (seq % 10))
                        .data(SdkBytes.fromByteArrayUnsafe(EventPreload.row(seq, 10, now))).build());
            }
            kinesis.putRecords(b -> b.streamName(stream).records(batch));
            next += TimeUnit.MILLISECONDS.toNanos(50);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the load, not synchronising
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Configuration jobConfiguration() {
        Configuration conf = new Configuration();
        conf.setString("parallelism.default", option("parallelism", "2"));
        conf.setString("state.backend.type", option("state-backend", "rocksdb"));
        conf.setString("table.local-time-zone", "UTC");
        return conf;
    }

    private TableEnvironment localTables() {
        return withFunctions(TableEnvironment.create(EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(jobConfiguration()).build()));
    }

    private TableEnvironment remoteTables() {
        String rest = option("rest", "127.0.0.1:8081");
        Configuration conf = jobConfiguration();
        conf.setString("execution.target", "remote");
        conf.setString("rest.address", rest.substring(0, rest.lastIndexOf(':')));
        conf.setString("rest.port", rest.substring(rest.lastIndexOf(':') + 1));
        return withFunctions(TableEnvironment.create(EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build()));
    }

    private static TableEnvironment withFunctions(TableEnvironment tables) {
        SluiceFunctions.register(tables);
        return tables;
    }

    private static String toJson(Map<String, Object> map) throws IOException {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(e.getKey()).append("\":");
            Object v = e.getValue();
            if (v instanceof Map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> inner = (Map<String, Object>) v;
                json.append(toJson(inner));
            } else {
                json.append(v);
            }
        }
        return json.append('}').toString();
    }
}
