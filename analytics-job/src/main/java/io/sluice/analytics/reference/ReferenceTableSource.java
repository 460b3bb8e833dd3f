package io.sluice.analytics.reference;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.LookupTableSource;
import org.apache.flink.table.connector.source.lookup.LookupFunctionProvider;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * A reference file as a lookup table, for {@code JOIN ref FOR SYSTEM_TIME AS OF s.proc_time ON ...}: a full in-memory
 * copy per subtask, reloaded when the file changes ({@link ReferenceLookupFunction}). Flink's own
 * {@code FullCachingLookupProvider} is not used: its loader reads only through a (legacy) {@code InputFormat}, and a
 * reload that fails stops every later reload of the subtask, where a reference file must survive a bad version.
 */
final class ReferenceTableSource implements LookupTableSource {

    private final DataType physicalType;
    private final DecodingFormat<DeserializationSchema<RowData>> format;
    private final String path;
    private final boolean ignoreFirstLine;
    private final Duration checkInterval;

    ReferenceTableSource(DataType physicalType, DecodingFormat<DeserializationSchema<RowData>> format, String path, boolean ignoreFirstLine,
            Duration checkInterval) {
        this.physicalType = physicalType;
        this.format = format;
        this.path = path;
        this.ignoreFirstLine = ignoreFirstLine;
        this.checkInterval = checkInterval;
    }

    @Override
    public LookupRuntimeProvider getLookupRuntimeProvider(LookupContext context) {
        List<LogicalType> columns = physicalType.getLogicalType().getChildren();
        int[][] keys = context.getKeys();
        RowData.FieldGetter[] keyColumns = new RowData.FieldGetter[keys.length];
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].length != 1) {
                throw new ValidationException("A reference table joins on top-level columns, not nested fields.");
            }
            keyColumns[i] = RowData.createFieldGetter(columns.get(keys[i][0]), keys[i][0]);
        }
        DeserializationSchema<RowData> decoder = format.createRuntimeDecoder(context, physicalType);
        return LookupFunctionProvider.of(new ReferenceLookupFunction(path, decoder, keyColumns, ignoreFirstLine, checkInterval));
    }

    @Override
    public DynamicTableSource copy() {
        return new ReferenceTableSource(physicalType, format, path, ignoreFirstLine, checkInterval);
    }

    @Override
    public String asSummaryString() {
        return "Reference(" + path + ")";
    }
}
