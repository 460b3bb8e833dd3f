package io.sluice.analytics.functions;

import static io.sluice.analytics.functions.Ticks.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code STAGGER} on a MiniCluster over event-time inputs with watermarks from the source ({@link Ticks}): AWS's
 * worked example exactly, a row after the close opening a new window, every aggregate's value and type, a key whose
 * window stays open while the watermark stays behind its end, time order with and without {@code ORDER BY}, and the
 * messages of bad calls; with generic (Kryo) types disabled.
 */
class StaggerFunctionITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** Generic types (Kryo) are off: the window's state and rows must all have Flink serializers. */
    private final StreamExecutionEnvironment env =
            StreamExecutionEnvironment.getExecutionEnvironment(new Configuration().set(PipelineOptions.GENERIC_TYPES, false)).setParallelism(1);
    private final StreamTableEnvironment tables = tables(env);

    private static StreamTableEnvironment tables(StreamExecutionEnvironment env) {
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.getConfig().setLocalTimeZone(ZoneOffset.UTC);
        SluiceFunctions.register(tables);
        return tables;
    }

    private static LocalDateTime t(String hhmmss) {
        return LocalDateTime.parse("2026-12-01T" + hhmmss);
    }

    /**
     * REFERENCE section 3: {@code PARTITION BY FLOOR(EVENT_TIME TO MINUTE), TICKER_SYMBOL RANGE INTERVAL '1' MINUTE}
     * over the four AMZN rows gives (11:01:20, 11:00:00, AMZN, 3) and (11:02:15, 11:01:00, AMZN, 1).
     */
    @Test
    void reproducesAwsStaggerExample() throws Exception {
        new Ticks()
                .row(t("11:00:20"), t("11:00:10"), "AMZN", null, null, null)
                .row(t("11:00:30"), t("11:00:20"), "AMZN", null, null, null)
                .row(t("11:01:05"), t("11:00:55"), "AMZN", null, null, null)
                .row(t("11:01:15"), t("11:01:05"), "AMZN", null, null, null)
                .register(env, tables, "ticks");
        tables.executeSql("CREATE TEMPORARY VIEW by_minute AS"
                + " SELECT ROWTIME, FLOOR(EVENT_TIME TO MINUTE) AS EVENT_MINUTE, TICKER AS TICKER_SYMBOL FROM ticks");
        List<Row> rows = collect(tables.executeSql("SELECT window_end AS ROW_TIME, EVENT_MINUTE, TICKER_SYMBOL, TICKER_COUNT"
                + " FROM STAGGER(input => TABLE by_minute PARTITION BY (EVENT_MINUTE, TICKER_SYMBOL),"
                + " on_time => DESCRIPTOR(ROWTIME), size => INTERVAL '1' MINUTE, aggregates => 'COUNT(*) AS TICKER_COUNT')"));
        assertThat(rows).containsExactlyInAnyOrder(
                Row.of(t("11:01:20"), t("11:00:00"), "AMZN", 3L),
                Row.of(t("11:02:15"), t("11:01:00"), "AMZN", 1L));
    }

    /**
     * One key: rows at 0, 4 and 9.999 s share the window [0 s, 10 s); the row at exactly 10 s is outside it and opens
     * [10 s, 20 s). Every aggregate's value, nulls skipped, and the output's column types.
     */
    @Test
    void computesEveryAggregateAndOpensANewWindowAfterTheClose() throws Exception {
        new Ticks()
                .row(0, "K", 10.0, 1, "1.50")
                .row(1, "L", 99.0, 9, "9.99")
                .row(4, "K", 20.5, 2, "2.25")
                .row(9.999, "K", null, 3, null)
                .row(10, "K", 5.0, 4, "0.10")
                .register(env, tables, "ticks");
        Table result = tables.sqlQuery("SELECT * FROM STAGGER(input => TABLE ticks PARTITION BY TICKER,"
                + " on_time => DESCRIPTOR(ROWTIME), size => INTERVAL '10' SECOND,"
                + " aggregates => 'COUNT(*) AS n, count(PRICE) AS priced, SUM(PRICE) AS total, SUM(QTY) AS qty,"
                + " SUM(AMOUNT) AS amount, MIN(PRICE) AS low, MAX(PRICE) AS high, AVG(QTY) AS avg_qty, MIN(EVENT_TIME) AS first_at,"
                + " MAX(`TICKER`) AS name')");
        assertThat(result.getResolvedSchema().toString()).isEqualTo("(\n"
                + "  `TICKER` STRING,\n"
                + "  `window_start` TIMESTAMP(3) NOT NULL,\n"
                + "  `window_end` TIMESTAMP(3) NOT NULL,\n"
                + "  `n` BIGINT NOT NULL,\n"
                + "  `priced` BIGINT NOT NULL,\n"
                + "  `total` DOUBLE,\n"
                + "  `qty` BIGINT,\n"
                + "  `amount` DECIMAL(38, 2),\n"
                + "  `low` DOUBLE,\n"
                + "  `high` DOUBLE,\n"
                + "  `avg_qty` DOUBLE,\n"
                + "  `first_at` TIMESTAMP(3),\n"
                + "  `name` STRING,\n"
                + "  `rowtime` TIMESTAMP(3) NOT NULL *ROWTIME*\n"
                + ")");
        List<Row> rows = collect(result.execute());
        assertThat(rows).containsExactlyInAnyOrder(
                Row.of("K", at(0), at(10), 3L, 2L, 30.5, 6L, new BigDecimal("3.75"), 10.0, 20.5, 2.0, at(0), "K", at(10)),
                Row.of("L", at(1), at(11), 1L, 1L, 99.0, 9L, new BigDecimal("9.99"), 99.0, 99.0, 9.0, at(1), "L", at(10.999)),
                Row.of("K", at(10), at(20), 1L, 1L, 5.0, 4L, new BigDecimal("0.10"), 5.0, 5.0, 4.0, at(10), "K", at(19.999)));
    }

    /**
     * The watermark is held just behind 45 s: A's window [0 s, 10 s) and B's [30 s, 40 s) close, C's [40 s, 50 s) does
     * not. The job is cancelled once A and B are out; C never came.
     */
    @Test
    void aWindowStaysOpenWhileTheWatermarkIsBehindItsEnd() throws Exception {
        new Ticks()
                .row(0, "A", 1.0, 1, null)
                .row(1, "A", 2.0, 1, null)
                .row(30, "B", 3.0, 1, null)
                .row(40, "C", 4.0, 1, null)
                .holdWatermarkAt(at(45))
                .register(env, tables, "ticks");
        TableResult result = tables.executeSql("SELECT TICKER, window_start, window_end, n FROM STAGGER(input => TABLE ticks"
                + " PARTITION BY TICKER, on_time => DESCRIPTOR(ROWTIME), size => INTERVAL '10' SECOND, aggregates => 'COUNT(*) AS n')");
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            while (rows.size() < 2 && it.hasNext()) {
                rows.add(it.next());
            }
        }
        assertThat(rows).containsExactlyInAnyOrder(Row.of("A", at(0), at(10), 2L), Row.of("B", at(30), at(40), 1L));
    }

    /**
     * Rows of one key arrive out of order within the watermark's 5 s; a row at 1 s comes after the watermark passed
     * 24 s. With {@code ORDER BY ROWTIME} the window opens at the earliest row (0 s) and Flink drops the late row;
     * without it the rows are taken as they come: the first (5 s) opens the window, the earlier ones join it, and the
     * late row opens a window of its own.
     */
    @Test
    void orderByTakesRowsInTimeOrderAndDropsLateRows() throws Exception {
        Ticks ticks = new Ticks().outOfOrderness(Duration.ofSeconds(5))
                .row(5, "K", 1.0, 1, null)
                .row(0, "K", 1.0, 1, null)
                .row(12, "K", 1.0, 1, null)
                .row(9, "K", 1.0, 1, null)
                .row(30, "M", 1.0, 1, null)
                .row(1, "K", 1.0, 1, null);
        ticks.register(env, tables, "ticks");
        String call = "SELECT TICKER, window_start, window_end, n FROM STAGGER(input => TABLE ticks PARTITION BY TICKER%s,"
                + " on_time => DESCRIPTOR(ROWTIME), size => INTERVAL '10' SECOND, aggregates => 'COUNT(*) AS n')";
        assertThat(collect(tables.executeSql(String.format(call, " ORDER BY ROWTIME")))).containsExactlyInAnyOrder(
                Row.of("K", at(0), at(10), 3L), Row.of("K", at(12), at(22), 1L), Row.of("M", at(30), at(40), 1L));
        assertThat(collect(tables.executeSql(String.format(call, "")))).containsExactlyInAnyOrder(
                Row.of("K", at(5), at(15), 4L), Row.of("K", at(1), at(11), 1L), Row.of("M", at(30), at(40), 1L));
    }

    @Test
    void badCallsSayWhatIsWrong() {
        new Ticks().row(0, "K", 1.0, 1, null).register(env, tables, "ticks");
        assertThat(badCall("'MEDIAN(PRICE) AS m'")).contains("STAGGER does not know the aggregate function MEDIAN in 'MEDIAN(PRICE) AS m';"
                + " it computes COUNT, SUM, MIN, MAX and AVG.");
        assertThat(badCall("'SUM(VOLUME) AS v'")).contains("STAGGER aggregate SUM(VOLUME) names an unknown column VOLUME;"
                + " the input table has [ROWTIME, EVENT_TIME, TICKER, PRICE, QTY, AMOUNT].");
        assertThat(badCall("'SUM(TICKER) AS s'")).contains("STAGGER cannot compute SUM(TICKER): column TICKER is STRING, SUM needs a number.");
        assertThat(badCall("'COUNT(*)'")).contains("STAGGER needs a name for the aggregate 'COUNT(*)': add AS alias.");
        assertThat(badCall("'SUM(*) AS s'")).contains("STAGGER allows * only in COUNT(*), not in SUM(*).");
        assertThat(badCall("'COUNT(*) AS window_end'")).contains("STAGGER aggregate name 'window_end' is used twice");
        assertThat(badCall("''")).contains("STAGGER needs at least one aggregate in 'aggregates'");
        assertThat(badCall("'COUNT(*) AS n' || ''")).contains("STAGGER needs a string literal as 'aggregates'");
        assertThatThrownBy(() -> tables.sqlQuery("SELECT * FROM STAGGER(input => TABLE ticks PARTITION BY TICKER,"
                + " size => INTERVAL '10' SECOND, aggregates => 'COUNT(*) AS n')"))
                .isInstanceOf(ValidationException.class);
    }

    private String badCall(String aggregates) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> tables.sqlQuery("SELECT * FROM STAGGER(input => TABLE ticks"
                + " PARTITION BY TICKER, on_time => DESCRIPTOR(ROWTIME), size => INTERVAL '10' SECOND, aggregates => " + aggregates + ")"));
        assertThat(thrown).isInstanceOf(ValidationException.class);
        StringBuilder messages = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static List<Row> collect(TableResult result) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }
}
