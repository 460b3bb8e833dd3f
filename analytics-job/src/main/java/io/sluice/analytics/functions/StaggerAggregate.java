package io.sluice.analytics.functions;

import java.math.BigDecimal;
import java.util.List;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * One aggregate that a {@code STAGGER} call names ({@code SUM(price) AS total}): its function, the input column it
 * reads (-1 for {@code COUNT(*)}), the output column's name and type, and the accumulator fields it keeps in the
 * window's state. Accumulators are the function's own slice of the state row, starting at {@link #offset}.
 */
final class StaggerAggregate {

    /** The aggregate functions a stagger window computes. */
    enum Kind {
        COUNT, SUM, MIN, MAX, AVG
    }

    final Kind kind;
    /** The input column read, or -1 for {@code COUNT(*)}. */
    final int column;
    final String alias;
    /** The output column's type. */
    final DataType resultType;
    /** The first of this aggregate's fields in the state row. */
    final int offset;

    private StaggerAggregate(Kind kind, int column, String alias, DataType resultType, int offset) {
        this.kind = kind;
        this.column = column;
        this.alias = alias;
        this.resultType = resultType;
        this.offset = offset;
    }

    /**
     * The aggregate {@code kind} over {@code column} (of {@code inputType}; -1 and null for {@code COUNT(*)}), its
     * state fields starting at {@code offset}; rejects a column type the function cannot aggregate.
     */
    static StaggerAggregate of(Kind kind, int column, String columnName, LogicalType inputType, String alias, int offset) {
        return new StaggerAggregate(kind, column, alias, resultType(kind, columnName, inputType), offset);
    }

    private static DataType resultType(Kind kind, String columnName, LogicalType input) {
        switch (kind) {
            case COUNT:
                return DataTypes.BIGINT().notNull();
            case MIN:
            case MAX:
                if (!input.is(LogicalTypeFamily.PREDEFINED) || input.is(LogicalTypeRoot.BINARY) || input.is(LogicalTypeRoot.VARBINARY)) {
                    throw unsupported(kind, columnName, input, "a comparable type (numbers, strings, booleans, dates and times)");
                }
                return DataTypes.of(input.copy(true));
            case SUM:
                if (input.is(LogicalTypeFamily.INTEGER_NUMERIC)) {
                    return DataTypes.BIGINT();
                }
                if (input.is(LogicalTypeRoot.DECIMAL)) {
                    return DataTypes.DECIMAL(DecimalType.MAX_PRECISION, ((DecimalType) input).getScale());
                }
                if (input.is(LogicalTypeFamily.APPROXIMATE_NUMERIC)) {
                    return DataTypes.DOUBLE();
                }
                throw unsupported(kind, columnName, input, "a number");
            case AVG:
                if (input.is(LogicalTypeFamily.NUMERIC)) {
                    return DataTypes.DOUBLE();
                }
                throw unsupported(kind, columnName, input, "a number");
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    private static ValidationException unsupported(Kind kind, String column, LogicalType type, String wanted) {
        return new ValidationException(
                "STAGGER cannot compute " + kind + "(" + column + "): column " + column + " is " + type.asSummaryString() + ", " + kind
                        + " needs " + wanted + ".");
    }

    /** The accumulator fields this aggregate adds to the state row: their types. */
    List<DataType> stateTypes() {
        switch (kind) {
            case COUNT:
                return List.of(DataTypes.BIGINT());
            case AVG:
                return List.of(DataTypes.DOUBLE(), DataTypes.BIGINT());
            default:
                return List.of(resultType.nullable());
        }
    }

    /** Folds one input value (the whole row's presence for {@code COUNT(*)}) into the accumulator fields of {@code acc}. */
    void accumulate(Object[] acc, Object value) {
        if (value == null && column >= 0) {
            return; // SQL aggregates skip nulls
        }
        switch (kind) {
            case COUNT:
                acc[offset] = acc[offset] == null ? 1L : (Long) acc[offset] + 1;
                break;
            case SUM:
                acc[offset] = add(acc[offset], value);
                break;
            case MIN:
                acc[offset] = acc[offset] == null || compare(value, acc[offset]) < 0 ? value : acc[offset];
                break;
            case MAX:
                acc[offset] = acc[offset] == null || compare(value, acc[offset]) > 0 ? value : acc[offset];
                break;
            case AVG:
                acc[offset] = (acc[offset] == null ? 0.0 : (Double) acc[offset]) + ((Number) value).doubleValue();
                acc[offset + 1] = acc[offset + 1] == null ? 1L : (Long) acc[offset + 1] + 1;
                break;
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    /** The aggregate's value from its accumulator fields. */
    Object result(Object[] acc) {
        switch (kind) {
            case COUNT:
                return acc[offset] == null ? 0L : acc[offset];
            case AVG:
                return acc[offset + 1] == null ? null : (Double) acc[offset] / (Long) acc[offset + 1];
            default:
                return acc[offset];
        }
    }

    private Object add(Object sum, Object value) {
        if (value instanceof BigDecimal) {
            return sum == null ? value : ((BigDecimal) sum).add((BigDecimal) value);
        }
        if (value instanceof Double || value instanceof Float) {
            return (sum == null ? 0.0 : (Double) sum) + ((Number) value).doubleValue();
        }
        return (sum == null ? 0L : (Long) sum) + ((Number) value).longValue();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }
}
