package io.sluice.delivery.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.delivery.api.DataFormatConversion;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one record (one or more concatenated JSON objects, not an array) into rows of a Glue table, as the
 * destination's deserializer does: each object is a row; its keys are matched to columns (lower-cased unless OpenX's
 * {@code CaseInsensitive} is false, dots turned into underscores if {@code ConvertDotsInJsonKeysToUnderscores},
 * {@code ColumnToJsonKeyMappings} for top-level columns); absent keys are nulls and keys without a column are left out.
 * Values become Java values of their column's {@link HiveType}: {@code String}, {@code Byte}, {@code Short},
 * {@code Integer}, {@code Long}, {@code Float}, {@code Double}, {@code Boolean}, {@code Instant} (timestamp),
 * {@code LocalDate}, {@code BigDecimal}, {@code List} (array), {@code Map} (map) and {@code Object[]} (struct, by field).
 * Numbers in strings are read as numbers, and scalars into string columns as their text, as the SerDes do.
 * A record that does not convert throws {@link ConversionException}; no row of it is kept.
 */
public final class JsonRecordReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> columnNames;
    private final List<HiveType> columnTypes;
    /** Column name → the JSON key that fills it (ColumnToJsonKeyMappings, normalized). */
    private final Map<String, String> mappings = new HashMap<>();
    private final boolean caseInsensitive;
    private final boolean dotsToUnderscores;
    private final TimestampParser timestamps;

    public JsonRecordReader(DataFormatConversion conversion) {
        this.columnNames = conversion.columns().stream().map(GlueSchema.Column::name).toList();
        this.columnTypes = conversion.columns().stream().map(GlueSchema.Column::hiveType).toList();
        DataFormatConversion.OpenXJsonSerDe openX = conversion.openX();
        if (openX != null) {
            caseInsensitive = !Boolean.FALSE.equals(openX.caseInsensitive());
            dotsToUnderscores = Boolean.TRUE.equals(openX.convertDotsInJsonKeysToUnderscores());
            timestamps = TimestampParser.openX();
            if (openX.columnToJsonKeyMappings() != null) {
                openX.columnToJsonKeyMappings().forEach((column, key) -> mappings.put(column.toLowerCase(Locale.ROOT), normalize(key)));
            }
        } else {
            caseInsensitive = true; // Hive's JsonSerDe matches keys to columns regardless of case
            dotsToUnderscores = false;
            timestamps = TimestampParser.hive(conversion.hive().timestampFormats());
        }
    }

    /** The rows of {@code record}, one per JSON object, each with one value per column. */
    public List<Object[]> read(byte[] record) throws ConversionException {
        List<Object[]> rows = new ArrayList<>(1);
        // A parser of its own, not readValues: that would take the elements of a top-level array for objects.
        try (JsonParser parser = MAPPER.getFactory().createParser(record)) {
            while (parser.nextToken() != null) {
                JsonNode object = MAPPER.readTree(parser);
                if (!object.isObject()) {
                    throw new ConversionException(ConversionException.PARSE_ERROR,
                            "The record holds a JSON " + object.getNodeType().name().toLowerCase(Locale.ROOT)
                                    + " where a JSON object is expected.");
                }
                rows.add(row(object));
            }
        } catch (JsonProcessingException e) {
            throw new ConversionException(ConversionException.PARSE_ERROR, "The record is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConversionException(ConversionException.PARSE_ERROR, "The record cannot be read: " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new ConversionException(ConversionException.PARSE_ERROR, "The record holds no JSON object.");
        }
        return rows;
    }

    private Object[] row(JsonNode object) throws ConversionException {
        Map<String, JsonNode> byKey = keys(object);
        Object[] row = new Object[columnNames.size()];
        for (int i = 0; i < row.length; i++) {
            String name = columnNames.get(i);
            String key = mappings.getOrDefault(name, normalize(name));
            row[i] = value(byKey.get(key), columnTypes.get(i), name);
        }
        return row;
    }

    private Map<String, JsonNode> keys(JsonNode object) {
        Map<String, JsonNode> byKey = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            byKey.put(normalize(e.getKey()), e.getValue());
        }
        return byKey;
    }

    private String normalize(String key) {
        String k = caseInsensitive ? key.toLowerCase(Locale.ROOT) : key;
        return dotsToUnderscores ? k.replace('.', '_') : k;
    }

    private Object value(JsonNode v, HiveType type, String column) throws ConversionException {
        if (v == null || v.isNull()) {
            return null;
        }
        switch (type.kind()) {
            case STRING:
                return text(v);
            case CHAR:
            case VARCHAR:
                String s = text(v);
                return s.length() > type.length() ? s.substring(0, type.length()) : s;
            case TINYINT:
                return (byte) integral(v, Byte.MIN_VALUE, Byte.MAX_VALUE, type, column);
            case SMALLINT:
                return (short) integral(v, Short.MIN_VALUE, Short.MAX_VALUE, type, column);
            case INT:
                return (int) integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE, type, column);
            case BIGINT:
                return integral(v, Long.MIN_VALUE, Long.MAX_VALUE, type, column);
            case FLOAT:
                return decimal(v, type, column).floatValue();
            case DOUBLE:
                return decimal(v, type, column).doubleValue();
            case DECIMAL:
                return decimalOf(v, type, column);
            case BOOLEAN:
                return bool(v, type, column);
            case TIMESTAMP:
                return timestamps.parse(v);
            case DATE:
                return date(v, type, column);
            case ARRAY:
                return array(v, type, column);
            case MAP:
                return map(v, type, column);
            case STRUCT:
                return struct(v, type, column);
            default:
                throw mismatch(v, type, column);
        }
    }

    private static String text(JsonNode v) {
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static long integral(JsonNode v, long min, long max, HiveType type, String column) throws ConversionException {
        long n;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            n = v.longValue();
        } else if (v.isTextual()) {
            try {
                n = Long.parseLong(v.textValue().trim());
            } catch (NumberFormatException e) {
                throw mismatch(v, type, column);
            }
        } else {
            throw mismatch(v, type, column);
        }
        if (n < min || n > max) {
            throw mismatch(v, type, column);
        }
        return n;
    }

    private static BigDecimal decimal(JsonNode v, HiveType type, String column) throws ConversionException {
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isTextual()) {
            try {
                return new BigDecimal(v.textValue().trim());
            } catch (NumberFormatException e) {
                throw mismatch(v, type, column);
            }
        }
        throw mismatch(v, type, column);
    }

    private static BigDecimal decimalOf(JsonNode v, HiveType type, String column) throws ConversionException {
        BigDecimal d = decimal(v, type, column).setScale(type.scale(), RoundingMode.HALF_UP);
        if (d.precision() > type.length()) {
            throw mismatch(v, type, column);
        }
        return d;
    }

    private static Boolean bool(JsonNode v, HiveType type, String column) throws ConversionException {
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && (v.textValue().equalsIgnoreCase("true") || v.textValue().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(v.textValue().toLowerCase(Locale.ROOT));
        }
        throw mismatch(v, type, column);
    }

    private static LocalDate date(JsonNode v, HiveType type, String column) throws ConversionException {
        if (v.isTextual()) {
            try {
                return LocalDate.parse(v.textValue().trim());
            } catch (DateTimeException e) {
                throw mismatch(v, type, column);
            }
        }
        throw mismatch(v, type, column);
    }

    private List<Object> array(JsonNode v, HiveType type, String column) throws ConversionException {
        if (!v.isArray()) {
            throw mismatch(v, type, column);
        }
        List<Object> list = new ArrayList<>(v.size());
        for (JsonNode element : v) {
            list.add(value(element, type.children().get(0), column));
        }
        return list;
    }

    private Map<Object, Object> map(JsonNode v, HiveType type, String column) throws ConversionException {
        if (!v.isObject()) {
            throw mismatch(v, type, column);
        }
        Map<Object, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            Object key = value(MAPPER.getNodeFactory().textNode(e.getKey()), type.children().get(0), column);
            map.put(key, value(e.getValue(), type.children().get(1), column));
        }
        return map;
    }

    private Object[] struct(JsonNode v, HiveType type, String column) throws ConversionException {
        if (!v.isObject()) {
            throw mismatch(v, type, column);
        }
        Map<String, JsonNode> byKey = keys(v);
        Object[] fields = new Object[type.children().size()];
        for (int i = 0; i < fields.length; i++) {
            String field = type.fieldNames().get(i);
            fields[i] = value(byKey.get(normalize(field)), type.children().get(i), column + "." + field);
        }
        return fields;
    }

    private static ConversionException mismatch(JsonNode v, HiveType type, String column) {
        String shown = v.toString();
        if (shown.length() > 100) {
            shown = shown.substring(0, 100) + "...";
        }
        return new ConversionException(ConversionException.MALFORMED_DATA,
                "The value " + shown + " of column " + column + " is not of its type " + type + ".");
    }
}
