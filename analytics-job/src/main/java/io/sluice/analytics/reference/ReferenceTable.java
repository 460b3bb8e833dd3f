package io.sluice.analytics.reference;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.RowData;

/**
 * One loaded version of a reference file: its rows by join key (the key columns' values as a {@code GenericRowData},
 * as the lookup join passes them), immutable, swapped whole when the file changes.
 */
record ReferenceTable(FileVersion version, Map<RowData, List<RowData>> rowsByKey, int size) {

    /** The rows whose key columns equal {@code key}; empty when none do. */
    Collection<RowData> lookup(RowData key) {
        return rowsByKey.getOrDefault(key, List.of());
    }
}
