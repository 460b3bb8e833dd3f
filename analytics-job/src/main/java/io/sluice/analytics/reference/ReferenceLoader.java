package io.sluice.analytics.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a reference file through Flink's {@code FileSystem} ({@code file://}, {@code s3a://}, ...) into a
 * {@link ReferenceTable}: one row a line (blank lines skipped, the first skipped on request), decoded by the table's
 * format, indexed by the key columns. A load fails as a whole on a line the format cannot decode and when the file
 * changed while it was read (a file being written); {@link #reloadIfChanged} then keeps the table it had and logs a
 * warning, and tries again at the next check.
 */
final class ReferenceLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceLoader.class);

    private final Path path;
    private final DeserializationSchema<RowData> decoder;
    private final RowData.FieldGetter[] keyColumns;
    private final boolean ignoreFirstLine;

    ReferenceLoader(Path path, DeserializationSchema<RowData> decoder, RowData.FieldGetter[] keyColumns, boolean ignoreFirstLine) {
        this.path = path;
        this.decoder = decoder;
        this.keyColumns = keyColumns.clone();
        this.ignoreFirstLine = ignoreFirstLine;
    }

    /** Reads the whole file. */
    ReferenceTable load() throws IOException {
        FileVersion before = FileVersion.of(path);
        Map<RowData, List<RowData>> rows = new HashMap<>();
        int count = 0;
        try (FSDataInputStream in = path.getFileSystem().open(path);
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if ((number == 1 && ignoreFirstLine) || line.isBlank()) {
                    continue;
                }
                RowData row = decode(line, number);
                if (row == null) {
                    continue; // the format's ignore-parse-errors dropped it
                }
                RowData key = key(row);
                if (key != null) {
                    rows.computeIfAbsent(key, k -> new ArrayList<>(1)).add(row);
                    count++;
                }
            }
        }
        FileVersion after = FileVersion.of(path);
        if (!after.equals(before)) {
            throw new IOException(path + " changed while it was read (" + before + " then " + after + ")");
        }
        return new ReferenceTable(before, Map.copyOf(rows), count);
    }

    /**
     * The table of the file as it is now: {@code current} while the file's {@link FileVersion} is the same, a new one
     * when it changed and reads whole, and {@code current} again (with a warning) when the file is missing, half
     * written or does not decode.
     */
    ReferenceTable reloadIfChanged(ReferenceTable current) {
        try {
            if (FileVersion.of(path).equals(current.version())) {
                return current;
            }
            ReferenceTable loaded = load();
            LOG.info("Reloaded reference file {}: {} rows ({})", path, loaded.size(), loaded.version());
            return loaded;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not reload reference file {}; the join keeps the {} rows of {}", path, current.size(), current.version(), e);
            return current;
        }
    }

    private RowData decode(String line, int number) throws IOException {
        try {
            return decoder.deserialize(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new IOException(path + " line " + number + " does not decode: " + e.getMessage(), e);
        }
    }

    /** The key columns' values, or null when one is null (SQL's equality never matches a null). */
    private RowData key(RowData row) {
        GenericRowData key = new GenericRowData(keyColumns.length);
        for (int i = 0; i < keyColumns.length; i++) {
            Object value = keyColumns[i].getFieldOrNull(row);
            if (value == null) {
                return null;
            }
            key.setField(i, value);
        }
        return key;
    }
}
