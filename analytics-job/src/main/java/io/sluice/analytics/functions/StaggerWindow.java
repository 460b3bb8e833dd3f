package io.sluice.analytics.functions;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.ProcessTableFunction;
import org.apache.flink.table.functions.TableSemantics;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.StateTypeStrategy;
import org.apache.flink.table.types.inference.StaticArgument;
import org.apache.flink.table.types.inference.StaticArgumentTrait;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.ColumnList;
import org.apache.flink.types.Row;

/**
 * Kinesis Data Analytics' stagger window as a process table function, registered as {@code STAGGER}:
 *
 * <pre>{@code
 * SELECT * FROM STAGGER(
 *     input => TABLE t PARTITION BY (minute_ts, ticker),
 *     on_time => DESCRIPTOR(event_time),
 *     size => INTERVAL '1' MINUTE,
 *     aggregates => 'COUNT(*) AS ticker_count, SUM(price) AS total_price')
 * }</pre>
 *
 * <p>A window per partition key opens at the key's first row (at that row's {@code on_time}) and closes {@code size}
 * later; the close instant is outside the window, and a row at or after it opens the key's next window. The output is
 * insert-only, one row per closed window: the partition keys, {@code window_start}, {@code window_end} (KDA's
 * {@code ROWTIME} of the result; both of the {@code on_time} column's type), the {@link StaggerAggregates aggregates}
 * the call names, and Flink's {@code rowtime}.
 *
 * <p>A window closes when the watermark reaches {@code window_end - 1 ms} (as Flink's own windows fire at their last
 * millisecond; the row's {@code rowtime} is then {@code window_end - 1 ms}), or earlier when a row of the key at or
 * after {@code window_end} reaches the function (the row's time is then the output's {@code rowtime}). Rows are taken
 * in the order they arrive; {@code ORDER BY} the {@code on_time} column in the call sorts each key's rows by time
 * first, and Flink then drops rows at or behind the watermark. Without it no row is dropped: a row earlier than its
 * key's open window's start joins that window, and a late row of a key whose window has closed opens a new one.
 *
 * <p>State: one row per key, typed from the call (the window start and each aggregate's accumulators), which Flink
 * keeps with its own row serializer; one timer per open window.
 */
public final class StaggerWindow extends ProcessTableFunction<Row> {

    private static final long serialVersionUID = 1L;

    /** The name under which {@link SluiceFunctions} registers this function. */
    public static final String NAME = "STAGGER";
    static final String INPUT = "input";
    private static final String STATE = "window";
    private static final int ARG_INPUT = 0;
    private static final int ARG_SIZE = 1;
    private static final int ARG_AGGREGATES = 2;
    private static final int ARG_ON_TIME = 3;

    private transient String parsedSpec;
    private transient StaggerAggregates aggregates;
    private transient boolean instants;

    /** Opens, extends or closes the key's window with one input row. */
    public void eval(Context ctx, Row window, Row input, Duration size, String spec) {
        StaggerAggregates aggs = aggregates(ctx, spec);
        long time = ctx.timeContext(Long.class).time();
        TimeContext<Long> timers = ctx.timeContext(Long.class);
        Long start = (Long) window.getField(StaggerAggregates.WINDOW_START);
        long sizeMillis = size.toMillis();
        if (start != null && time >= start + sizeMillis) {
            timers.clearTimer(start + sizeMillis - 1);
            emit(window, start, sizeMillis);
            start = null;
        }
        if (start == null) {
            clear(window, aggs);
            start = time;
            window.setField(StaggerAggregates.WINDOW_START, start);
            timers.registerOnTime(start + sizeMillis - 1);
        }
        Object[] acc = new Object[aggs.stateArity];
        for (int i = 1; i < acc.length; i++) {
            acc[i] = window.getField(i);
        }
        for (StaggerAggregate a : aggs.list) {
            a.accumulate(acc, a.column < 0 ? Boolean.TRUE : input.getField(a.column));
        }
        for (int i = 1; i < acc.length; i++) {
            window.setField(i, acc[i]);
        }
    }

    /** The watermark reached the window's last millisecond: the window is complete. */
    public void onTimer(OnTimerContext ctx, Row window) {
        Long start = (Long) window.getField(StaggerAggregates.WINDOW_START);
        long end = ctx.timeContext(Long.class).time() + 1;
        if (start != null) {
            emit(window, start, end - start);
        }
        ctx.clearAllState();
    }

    private void emit(Row window, long start, long sizeMillis) {
        Object[] acc = new Object[aggregates.stateArity];
        for (int i = 1; i < acc.length; i++) {
            acc[i] = window.getField(i);
        }
        Object[] out = new Object[2 + aggregates.list.size()];
        out[0] = time(start);
        out[1] = time(start + sizeMillis);
        for (int i = 0; i < aggregates.list.size(); i++) {
            out[2 + i] = aggregates.list.get(i).result(acc);
        }
        collect(Row.of(out));
    }

    private static void clear(Row window, StaggerAggregates aggs) {
        for (int i = 0; i < aggs.stateArity; i++) {
            window.setField(i, null);
        }
    }

    private Object time(long millis) {
        return instants ? Instant.ofEpochMilli(millis) : LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    private StaggerAggregates aggregates(Context ctx, String spec) {
        if (!spec.equals(parsedSpec)) {
            TableSemantics table = ctx.tableSemanticsFor(INPUT);
            RowType rowType = (RowType) table.dataType().getLogicalType();
            aggregates = StaggerAggregates.parse(spec, rowType);
            instants = rowType.getTypeAt(table.timeColumn()).is(LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
            parsedSpec = spec;
        }
        return aggregates;
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        LinkedHashMap<String, StateTypeStrategy> state = new LinkedHashMap<>();
        state.put(STATE, StateTypeStrategy.of(call -> Optional.of(parse(call).stateType())));
        return TypeInference.newBuilder()
                .staticArguments(
                        StaticArgument.table(INPUT, Row.class, false,
                                EnumSet.of(StaticArgumentTrait.TABLE, StaticArgumentTrait.SET_SEMANTIC_TABLE, StaticArgumentTrait.REQUIRE_ON_TIME)),
                        StaticArgument.scalar("size", DataTypes.INTERVAL(DataTypes.SECOND(3)), false),
                        StaticArgument.scalar("aggregates", DataTypes.STRING(), false))
                .stateTypeStrategies(state)
                .outputTypeStrategy(call -> Optional.of(parse(call).outputType(timeType(call))))
                .build();
    }

    /** Checks the scalar arguments and parses the aggregates against the input table's columns. */
    private static StaggerAggregates parse(CallContext call) {
        Duration size = call.getArgumentValue(ARG_SIZE, Duration.class)
                .orElseThrow(() -> new ValidationException("STAGGER needs a literal interval as 'size', e.g. INTERVAL '1' MINUTE."));
        if (size.isNegative() || size.isZero()) {
            throw new ValidationException("STAGGER needs a positive 'size'; got " + size + ".");
        }
        String spec = call.getArgumentValue(ARG_AGGREGATES, String.class)
                .orElseThrow(() -> new ValidationException("STAGGER needs a string literal as 'aggregates', e.g. 'COUNT(*) AS n'."));
        return StaggerAggregates.parse(spec, inputRowType(call));
    }

    private static RowType inputRowType(CallContext call) {
        return (RowType) call.getArgumentDataTypes().get(ARG_INPUT).getLogicalType();
    }

    /** The type of the {@code on_time} column (TIMESTAMP(3) or TIMESTAMP_LTZ(3)), which window_start and window_end share. */
    private static DataType timeType(CallContext call) {
        RowType input = inputRowType(call);
        int timeColumn;
        if (call.getArgumentDataTypes().size() > ARG_ON_TIME) {
            // While the call is validated, on_time is the first of the system arguments Flink appends to ours.
            List<String> onTime = call.getArgumentValue(ARG_ON_TIME, ColumnList.class).map(ColumnList::getNames).orElse(List.of());
            timeColumn = onTime.size() == 1 ? input.getFieldNames().indexOf(onTime.get(0)) : -1;
        } else {
            // Later (code generation), the system arguments are gone and the table semantics know the time column.
            timeColumn = call.getTableSemantics(ARG_INPUT).map(TableSemantics::timeColumn).orElse(-1);
        }
        if (timeColumn < 0) {
            throw new ValidationException("STAGGER needs 'on_time' naming one time column of the input, e.g. on_time => DESCRIPTOR(event_time).");
        }
        LogicalType type = input.getTypeAt(timeColumn);
        return type.is(LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE) ? DataTypes.TIMESTAMP_LTZ(3) : DataTypes.TIMESTAMP(3);
    }
}
