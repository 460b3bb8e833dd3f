package io.sluice.common.connector.table;

import io.sluice.common.connector.sink.PartitionKeyGenerator;
import java.util.List;
import org.apache.flink.table.data.RowData;

/** The partition key of a row: its PARTITIONED BY columns' values joined with {@code |} (null as "null"). */
final class RowDataPartitionKeys implements PartitionKeyGenerator<RowData> {

    private static final long serialVersionUID = 1L;

    private final List<RowData.FieldGetter> fields;

    RowDataPartitionKeys(List<RowData.FieldGetter> fields) {
        this.fields = List.copyOf(fields);
    }

    @Override
    public String partitionKey(RowData row) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                key.append('|');
            }
            key.append(fields.get(i).getFieldOrNull(row));
        }
        // Kinesis keys are 1–256 characters.
        return key.length() == 0 ? "-" : key.length() > 256 ? key.substring(0, 256) : key.toString();
    }
}
