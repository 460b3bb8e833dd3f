package io.sluice.analytics.functions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * The aggregates a {@code STAGGER} call names in its {@code aggregates} argument, parsed against the input table's
 * columns: a comma-separated list of {@code FUNCTION(column) AS alias} with {@code COUNT(*)}, {@code COUNT(c)},
 * {@code SUM(c)}, {@code MIN(c)}, {@code MAX(c)} and {@code AVG(c)} (function names in any case; column names as
 * declared, optionally in backticks; the alias is required). The same text always parses to the same list, so the
 * planner's type inference and the running function agree on the output and state layout.
 */
final class StaggerAggregates {

    /** Field 0 of the state row: the open window's start (epoch millis of the {@code on_time} column). */
    static final int WINDOW_START = 0;

    private static final Pattern ITEM = Pattern.compile(
            "\\s*([A-Za-z_]+)\\s*\\(\\s*(\\*|`[^`]+`|[A-Za-z_][A-Za-z_0-9$]*)\\s*\\)\\s*(?:(?i:AS)\\s+)?(`[^`]+`|[A-Za-z_][A-Za-z_0-9$]*)?\\s*");
    private static final Set<String> RESERVED = Set.of("window_start", "window_end", "rowtime");

    final List<StaggerAggregate> list;
    /** How many fields the state row has: the window start, then each aggregate's accumulators. */
    final int stateArity;

    private StaggerAggregates(List<StaggerAggregate> list, int stateArity) {
        this.list = list;
        this.stateArity = stateArity;
    }

    /** Parses {@code spec} against the input row type; a {@link ValidationException} says what is wrong and where. */
    static StaggerAggregates parse(String spec, RowType input) {
        if (spec == null || spec.isBlank()) {
            throw new ValidationException("STAGGER needs at least one aggregate in 'aggregates', e.g. 'COUNT(*) AS n'.");
        }
        List<StaggerAggregate> list = new ArrayList<>();
        Set<String> aliases = new HashSet<>();
        int offset = 1;
        for (String item : spec.split(",", -1)) {
            Matcher m = ITEM.matcher(item);
            if (!m.matches()) {
                throw new ValidationException("STAGGER cannot parse the aggregate '" + item.trim()
                        + "': write FUNCTION(column) AS alias, with COUNT(*), COUNT, SUM, MIN, MAX or AVG.");
            }
            StaggerAggregate.Kind kind = kind(m.group(1), item);
            String columnName = unquote(m.group(2));
            if (m.group(3) == null) {
                throw new ValidationException("STAGGER needs a name for the aggregate '" + item.trim() + "': add AS alias.");
            }
            String alias = unquote(m.group(3));
            if (RESERVED.contains(alias.toLowerCase(Locale.ROOT)) || !aliases.add(alias)) {
                throw new ValidationException("STAGGER aggregate name '" + alias + "' is used twice or is one of " + RESERVED + ".");
            }
            int column = -1;
            LogicalType type = null;
            if (columnName.equals("*")) {
                if (kind != StaggerAggregate.Kind.COUNT) {
                    throw new ValidationException("STAGGER allows * only in COUNT(*), not in " + kind + "(*).");
                }
            } else {
                column = input.getFieldNames().indexOf(columnName);
                if (column < 0) {
                    throw new ValidationException("STAGGER aggregate " + kind + "(" + columnName + ") names an unknown column "
                            + columnName + "; the input table has " + input.getFieldNames() + ".");
                }
                type = input.getTypeAt(column);
            }
            StaggerAggregate aggregate = StaggerAggregate.of(kind, column, columnName, type, alias, offset);
            offset += aggregate.stateTypes().size();
            list.add(aggregate);
        }
        return new StaggerAggregates(List.copyOf(list), offset);
    }

    private static StaggerAggregate.Kind kind(String name, String item) {
        try {
            return StaggerAggregate.Kind.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("STAGGER does not know the aggregate function " + name + " in '" + item.trim()
                    + "'; it computes COUNT, SUM, MIN, MAX and AVG.");
        }
    }

    private static String unquote(String name) {
        return name.startsWith("`") ? name.substring(1, name.length() - 1) : name;
    }

    /** The function's output columns after the partition keys: window_start, window_end, then the aggregates. */
    DataType outputType(DataType timeType) {
        List<DataTypes.Field> fields = new ArrayList<>();
        fields.add(DataTypes.FIELD("window_start", timeType.notNull()));
        fields.add(DataTypes.FIELD("window_end", timeType.notNull()));
        for (StaggerAggregate a : list) {
            fields.add(DataTypes.FIELD(a.alias, a.resultType));
        }
        return DataTypes.ROW(fields).notNull();
    }

    /** The state row: the window start (epoch millis), then every aggregate's accumulator fields. */
    DataType stateType() {
        List<DataTypes.Field> fields = new ArrayList<>();
        fields.add(DataTypes.FIELD("window_start", DataTypes.BIGINT()));
        int n = 0;
        for (StaggerAggregate a : list) {
            for (DataType t : a.stateTypes()) {
                fields.add(DataTypes.FIELD("acc" + n++, t.nullable()));
            }
        }
        return DataTypes.ROW(fields);
    }
}
