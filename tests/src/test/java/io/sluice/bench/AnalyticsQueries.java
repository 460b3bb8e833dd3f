package io.sluice.bench;

/**
 * The SQL the analytics benchmark runs: one event table {@code src (seq, ticker, price, ts)} declared either over
 * Flink's {@code datagen} connector (plain Flink, rows generated in memory: the engine's own ceiling) or over a
 * Sluice stream through the {@code kinesis} connector (JSON records), and the window queries over it. Row
 * {@code seq} has event time {@code BASE + seq} ms and ticker {@code T<seq mod keys>}, so every 10-second window
 * holds 10,000 rows spread evenly over the keys, on both sides.
 */
final class AnalyticsQueries {

    /** Event time of row 0: 2026-12-01 00:00:00 UTC, in epoch milliseconds. */
    static final long BASE_MILLIS = 1_796_083_200_000L;
    static final int WINDOW_SECONDS = 10;

    private AnalyticsQueries() {}

    /** {@code src} over {@code rows} generated rows (a bounded source: every window closes at its end). */
    static String generatedSource(long rows, int keys) {
        return "CREATE TEMPORARY TABLE src ("
                + " seq BIGINT,"
                + " ticker AS CONCAT('T', CAST(MOD(seq, " + keys + ") AS STRING)),"
                + " price AS CAST(MOD(seq, 1000) AS DOUBLE),"
                + " ts AS TO_TIMESTAMP_LTZ(" + BASE_MILLIS + " + seq, 3),"
                + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND"
                + ") WITH ('connector' = 'datagen', 'fields.seq.kind' = 'sequence', 'fields.seq.start' = '0',"
                + " 'fields.seq.end' = '" + (rows - 1) + "', 'rows-per-second' = '1000000000')"; // unthrottled (default 10,000)
    }

    /**
     * {@code src} over the Sluice stream {@code stream}, read from its start; event time from the record's ISO-8601
     * {@code ts} field ({@code iso}), or from its epoch milliseconds {@code ms} ({@code millis}: no date parsing, which
     * took a fifth of the reading task's CPU in a profile).
     */
    static String streamSource(String stream, String endpoint, String timeFormat) {
        String time = "millis".equals(timeFormat) ? "ms BIGINT, ts AS TO_TIMESTAMP_LTZ(ms, 3)," : "ts TIMESTAMP_LTZ(3),";
        return "CREATE TEMPORARY TABLE src ("
                + " seq BIGINT, ticker STRING, price DOUBLE, " + time
                + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND"
                + ") WITH ('connector' = 'kinesis', 'stream' = '" + stream + "', 'aws.endpoint' = '" + endpoint + "',"
                + " 'format' = 'json', 'json.timestamp-format.standard' = 'ISO-8601',"
                + " 'scan.stream.initpos' = 'TRIM_HORIZON')";
    }

    /**
     * {@code src} over JSON-lines files in {@code directory} (one per reader, written by {@link EventPreload#writeFiles}):
     * plain Flink reading the same records with the same format as the stream's table, from the page cache.
     */
    static String fileSource(String directory, String timeFormat) {
        String time = "millis".equals(timeFormat) ? "ms BIGINT, ts AS TO_TIMESTAMP_LTZ(ms, 3)," : "ts TIMESTAMP_LTZ(3),";
        return "CREATE TEMPORARY TABLE src ("
                + " seq BIGINT, ticker STRING, price DOUBLE, " + time
                + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND"
                + ") WITH ('connector' = 'filesystem', 'path' = 'file://" + directory + "',"
                + " 'format' = 'json', 'json.timestamp-format.standard' = 'ISO-8601')";
    }

    /** {@code src} over {@code stream} with the arrival time as rowtime, read from now (the latency run). */
    static String arrivalSource(String stream, String endpoint) {
        return "CREATE TEMPORARY TABLE src ("
                + " seq BIGINT, ticker STRING, price DOUBLE, ts TIMESTAMP_LTZ(3),"
                + " arrived TIMESTAMP_LTZ(3) METADATA FROM 'arrival_time' VIRTUAL,"
                + " WATERMARK FOR arrived AS arrived - INTERVAL '0.2' SECOND"
                + ") WITH ('connector' = 'kinesis', 'stream' = '" + stream + "', 'aws.endpoint' = '" + endpoint + "',"
                + " 'format' = 'json', 'json.timestamp-format.standard' = 'ISO-8601',"
                + " 'scan.stream.initpos' = 'TRIM_HORIZON', 'scan.watermark.idle-timeout' = '1 s')";
    }

    /** {@code query} ({@code tumbling} or {@code stagger}) on {@code timeColumn} with windows of {@code windowSeconds}. */
    static String query(String query, String timeColumn, int windowSeconds) {
        switch (query) {
            case "tumbling":
                return tumbling(timeColumn, windowSeconds);
            case "stagger":
                return stagger(timeColumn, windowSeconds);
            default:
                throw new IllegalArgumentException("unknown query " + query + " (tumbling, stagger)");
        }
    }

    /**
     * The stagger aggregation (Sluice's {@code STAGGER}): per key, windows that open at the key's first row. Key
     * {@code Tk}'s first row is row k, so its windows hold rows k + 10,000 j ... and, with {@code keys} dividing
     * 10,000, as many rows each as a tumbling window's key.
     */
    static String stagger(String timeColumn, int windowSeconds) {
        return "SELECT ticker, window_end, n, total FROM STAGGER(input => TABLE src PARTITION BY ticker,"
                + " on_time => DESCRIPTOR(" + timeColumn + "), size => INTERVAL '" + windowSeconds + "' SECOND,"
                + " aggregates => 'COUNT(*) AS n, SUM(price) AS total')";
    }

    /** The tumbling aggregation: rows per key and window, with their price sum. */
    static String tumbling(String timeColumn, int windowSeconds) {
        return "SELECT ticker, window_end, COUNT(*) AS n, SUM(price) AS total"
                + " FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(" + timeColumn + "), INTERVAL '" + windowSeconds + "' SECOND))"
                + " GROUP BY ticker, window_start, window_end";
    }
}
