package io.sluice.delivery.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.error.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The columns of the Glue table that a {@code SchemaConfiguration} names, read from the file
 * {@code <schema-dir>/DATABASE/TABLE.json}, which holds what Glue keeps of a table: {@code {"Columns": [{"Name":
 * "id", "Type": "bigint"}, ...]}} with Hive types (the answer of {@code aws glue get-table}, {@code {"Table":
 * {"StorageDescriptor": {"Columns": [...]}}}}, is read too). Column names are lower case, as Glue keeps them.
 */
public record GlueSchema(String database, String table, List<Column> columns) {

    /** One column: its lower-case name and its Hive type as written in the table. */
    public record Column(String name, String type) {

        public HiveType hiveType() {
            return HiveType.parse(type);
        }
    }

    /** Glue's names: no path separators, no leading dot (so a name never leaves the schema directory). */
    private static final Pattern NAME = Pattern.compile("[^/\\\\.\\s][^/\\\\\\s]{0,254}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Reads the table {@code database.table} under {@code dir}; a table that does not exist or cannot be used is an
     * {@link InvalidArgumentException} naming it.
     */
    public static GlueSchema read(Path dir, String database, String table) {
        if (!NAME.matcher(database).matches() || !NAME.matcher(table).matches()) {
            throw new InvalidArgumentException("The AWS Glue table " + database + "." + table + " does not exist.");
        }
        Path file = dir.resolve(database).resolve(table + ".json");
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InvalidArgumentException("The AWS Glue table " + database + "." + table + " does not exist"
                    + " (Sluice reads it from " + database + "/" + table + ".json in sluice.firehose.schema-dir).");
        } catch (IOException e) {
            throw new InvalidArgumentException("The AWS Glue table " + database + "." + table + " cannot be read: " + e.getMessage());
        }
        return new GlueSchema(database, table, columns(root, database + "." + table));
    }

    private static List<Column> columns(JsonNode root, String name) {
        JsonNode columns = root.path("Columns");
        if (columns.isMissingNode()) {
            columns = root.path("Table").path("StorageDescriptor").path("Columns");
        }
        if (!columns.isArray() || columns.isEmpty()) {
            throw new InvalidArgumentException("The AWS Glue table " + name + " has no columns.");
        }
        List<Column> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode c : columns) {
            String column = c.path("Name").asText("").toLowerCase(Locale.ROOT);
            String type = c.path("Type").asText("");
            if (column.isEmpty() || !seen.add(column)) {
                throw new InvalidArgumentException("The AWS Glue table " + name + " has a column without a name, or twice the name '"
                        + column + "'.");
            }
            try {
                HiveType.parse(type);
            } catch (IllegalArgumentException e) {
                throw new InvalidArgumentException("Column " + column + " of the AWS Glue table " + name + ": " + e.getMessage());
            }
            result.add(new Column(column, type));
        }
        return List.copyOf(result);
    }
}
