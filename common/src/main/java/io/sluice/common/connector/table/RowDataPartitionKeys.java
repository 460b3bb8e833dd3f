package io.sluice.common.connector.table;

import io.sluice.common.connector.sink.PartitionKeyGenerator;
import java.util.Base64;
import java.util.List;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;

/** The partition key of a row: its PARTITIONED BY columns' values joined with {@code |} (null as "null", bytes in Base64). */
final class RowDataPartitionKeys implements PartitionKeyGenerator<RowData> {

    private static final long serialVersionUID = 1L;

    private final List<RowData.FieldGetter> fields;

    RowDataPartitionKeys(List<RowData.FieldGetter> fields) {
        this.fields = List.copyOf(fields);
    }

    /** PARTITIONED BY columns must be atomic values with a stable text form (no rows, arrays, maps). */
    static void checkColumns(DataType physicalType, List<String> columns) {
        RowType row = (RowType) physicalType.getLogicalType();
        for (String column : columns) {
            LogicalTypeRoot root = row.getTypeAt(row.getFieldIndex(column)).getTypeRoot();
            if (root == LogicalTypeRoot.ROW || root == LogicalTypeRoot.ARRAY || root == LogicalTypeRoot.MAP
                    || root == LogicalTypeRoot.MULTISET || root == LogicalTypeRoot.STRUCTURED_TYPE || root == LogicalTypeRoot.RAW) {
                throw new ValidationException("PARTITIONED BY column " + column + " of a Kinesis table must be atomic, not " + root);
            }
        }
    }

    @Override
    public String partitionKey(RowData row) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                key.append('|');
            }
            Object value = fields.get(i).getFieldOrNull(row);
            key.append(value instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : String.valueOf(value));
        }
        // Kinesis keys are 1–256 characters.
        return key.length() == 0 ? "-" : key.length() > 256 ? key.substring(0, 256) : key.toString();
    }
}
