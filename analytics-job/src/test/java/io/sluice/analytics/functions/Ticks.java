package io.sluice.analytics.functions;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * Test input for stagger windows: rows {@code (ROWTIME, EVENT_TIME, TICKER, PRICE, QTY, AMOUNT)} in the order given,
 * {@code ROWTIME} (a TIMESTAMP(3) data column, as KDA's ROWTIME in the tests cannot be an arrival time) their event
 * time with a watermark from the source, after every row, that trails the highest ROWTIME by the out-of-orderness
 * allowed (so a test knows exactly which rows are behind it). A bounded
 * input ends with Flink's final watermark; a held one then repeats a filler row (ticker {@code ~}, filtered out by
 * {@link #register}) at {@code holdAt} forever, so the watermark stays just behind {@code holdAt}.
 */
final class Ticks {

    static final LocalDateTime BASE = LocalDateTime.of(2026, 12, 1, 11, 0, 0);
    private static final String FILLER = "~";

    private final List<Row> rows = new ArrayList<>();
    private Duration outOfOrderness = Duration.ZERO;
    private LocalDateTime holdAt;

    Ticks row(LocalDateTime rowtime, LocalDateTime eventTime, String ticker, Double price, Integer qty, BigDecimal amount) {
        rows.add(Row.of(rowtime, eventTime, ticker, price, qty, amount));
        return this;
    }

    /** A row at BASE + {@code seconds} (ROWTIME and EVENT_TIME alike). */
    Ticks row(double seconds, String ticker, Double price, Integer qty, String amount) {
        LocalDateTime t = at(seconds);
        return row(t, t, ticker, price, qty, amount == null ? null : new BigDecimal(amount));
    }

    static LocalDateTime at(double seconds) {
        return BASE.plusNanos(Math.round(seconds * 1000) * 1_000_000L);
    }

    Ticks outOfOrderness(Duration d) {
        this.outOfOrderness = d;
        return this;
    }

    /** Never ends: after the rows, the watermark stays just behind {@code t}. */
    Ticks holdWatermarkAt(LocalDateTime t) {
        this.holdAt = t;
        return this;
    }

    /** Registers the rows as view {@code name} (without filler rows). */
    void register(StreamExecutionEnvironment env, StreamTableEnvironment tables, String name) {
        TypeInformation<Row> type = Types.ROW_NAMED(new String[] {"ROWTIME", "EVENT_TIME", "TICKER", "PRICE", "QTY", "AMOUNT"},
                Types.LOCAL_DATE_TIME, Types.LOCAL_DATE_TIME, Types.STRING, Types.DOUBLE, Types.INT, BasicTypeInfo.BIG_DEC_TYPE_INFO);
        List<Row> input = List.copyOf(rows);
        LocalDateTime hold = holdAt;
        GeneratorFunction<Long, Row> generator = i -> i < input.size() ? input.get(i.intValue())
                : Row.of(hold, hold, FILLER, null, null, null);
        long count = hold == null ? input.size() : Long.MAX_VALUE;
        DataGeneratorSource<Row> source = new DataGeneratorSource<>(generator, count, RateLimiterStrategy.perSecond(200), type);
        long delay = outOfOrderness.toMillis();
        WatermarkStrategy<Row> watermarks = WatermarkStrategy.<Row>forGenerator(ctx -> new EveryRow(delay))
                .withTimestampAssigner((row, ts) -> ((LocalDateTime) row.getField(0)).toInstant(ZoneOffset.UTC).toEpochMilli());
        DataStream<Row> stream = env.fromSource(source, watermarks, "ticks").setParallelism(1);
        Table table = tables.fromDataStream(stream, Schema.newBuilder()
                .column("ROWTIME", DataTypes.TIMESTAMP(3))
                .column("EVENT_TIME", DataTypes.TIMESTAMP(3))
                .column("TICKER", DataTypes.STRING())
                .column("PRICE", DataTypes.DOUBLE())
                .column("QTY", DataTypes.INT())
                .column("AMOUNT", DataTypes.DECIMAL(10, 2))
                .watermark("ROWTIME", "SOURCE_WATERMARK()")
                .build());
        tables.createTemporaryView(name + "_all", table);
        tables.executeSql("CREATE TEMPORARY VIEW " + name + " AS SELECT * FROM " + name + "_all WHERE TICKER <> '" + FILLER + "'");
    }

    /** A watermark after every row: the highest timestamp so far, minus the delay, minus 1 ms. */
    private static final class EveryRow implements WatermarkGenerator<Row> {
        private final long delay;
        private long max = Long.MIN_VALUE + 1;

        EveryRow(long delay) {
            this.delay = delay;
        }

        @Override
        public void onEvent(Row row, long timestamp, WatermarkOutput output) {
            max = Math.max(max, timestamp);
            output.emitWatermark(new Watermark(max - delay - 1));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }
}
