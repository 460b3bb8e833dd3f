package io.sluice.delivery.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Hive column type as a Glue table declares it ({@code string}, {@code int}, {@code decimal(10,2)},
 * {@code array<string>}, {@code map<string,bigint>}, {@code struct<a:int,b:string>}, ...), parsed into a tree.
 * {@link #toString()} gives it back in Hive's lower-case spelling, which is also ORC's type syntax.
 * {@code binary} and {@code uniontype} are refused: JSON has no binary value and Firehose's SerDes no unions.
 */
public final class HiveType {

    /** The kinds of type Sluice converts JSON values into. */
    public enum Kind {
        STRING, CHAR, VARCHAR, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, BOOLEAN, TIMESTAMP, DATE, DECIMAL,
        ARRAY, MAP, STRUCT
    }

    private final Kind kind;
    /** char/varchar length, decimal precision. */
    private final int length;
    private final int scale;
    /** array: [element]; map: [key, value]; struct: the fields. */
    private final List<HiveType> children;
    /** struct: the field names, lower case. */
    private final List<String> fieldNames;

    private HiveType(Kind kind, int length, int scale, List<HiveType> children, List<String> fieldNames) {
        this.kind = kind;
        this.length = length;
        this.scale = scale;
        this.children = List.copyOf(children);
        this.fieldNames = List.copyOf(fieldNames);
    }

    public Kind kind() {
        return kind;
    }

    /** The length of a char or varchar, the precision of a decimal. */
    public int length() {
        return length;
    }

    /** The scale of a decimal. */
    public int scale() {
        return scale;
    }

    public List<HiveType> children() {
        return children;
    }

    public List<String> fieldNames() {
        return fieldNames;
    }

    /** Parses a Hive type; {@link IllegalArgumentException} says what is wrong. */
    public static HiveType parse(String type) {
        Parser p = new Parser(type);
        HiveType t = p.type();
        p.skipSpaces();
        if (p.pos != type.length()) {
            throw p.error("unexpected '" + type.substring(p.pos) + "'");
        }
        return t;
    }

    @Override
    public String toString() {
        switch (kind) {
            case CHAR:
            case VARCHAR:
                return kind.name().toLowerCase(Locale.ROOT) + "(" + length + ")";
            case DECIMAL:
                return "decimal(" + length + "," + scale + ")";
            case ARRAY:
                return "array<" + children.get(0) + ">";
            case MAP:
                return "map<" + children.get(0) + "," + children.get(1) + ">";
            case STRUCT:
                StringBuilder s = new StringBuilder("struct<");
                for (int i = 0; i < children.size(); i++) {
                    s.append(i == 0 ? "" : ",").append(fieldNames.get(i)).append(':').append(children.get(i));
                }
                return s.append('>').toString();
            default:
                return kind.name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HiveType && o.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** A recursive-descent parser of Hive's type grammar. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        HiveType type() {
            skipSpaces();
            String name = word().toLowerCase(Locale.ROOT);
            switch (name) {
                case "string":
                    return scalar(Kind.STRING);
                case "tinyint":
                    return scalar(Kind.TINYINT);
                case "smallint":
                    return scalar(Kind.SMALLINT);
                case "int":
                case "integer":
                    return scalar(Kind.INT);
                case "bigint":
                    return scalar(Kind.BIGINT);
                case "float":
                    return scalar(Kind.FLOAT);
                case "double":
                    return scalar(Kind.DOUBLE);
                case "boolean":
                    return scalar(Kind.BOOLEAN);
                case "timestamp":
                    return scalar(Kind.TIMESTAMP);
                case "date":
                    return scalar(Kind.DATE);
                case "char":
                case "varchar":
                    return lengthType(name.equals("char") ? Kind.CHAR : Kind.VARCHAR);
                case "decimal":
                    return decimal();
                case "array":
                    expect('<');
                    HiveType element = type();
                    expect('>');
                    return new HiveType(Kind.ARRAY, 0, 0, List.of(element), List.of());
                case "map":
                    expect('<');
                    HiveType key = type();
                    expect(',');
                    HiveType value = type();
                    expect('>');
                    return new HiveType(Kind.MAP, 0, 0, List.of(key, value), List.of());
                case "struct":
                    return struct();
                default:
                    throw error(name.isEmpty() ? "a type is missing" : "type '" + name + "' is not supported");
            }
        }

        private HiveType scalar(Kind kind) {
            return new HiveType(kind, 0, 0, List.of(), List.of());
        }

        private HiveType lengthType(Kind kind) {
            expect('(');
            int n = number();
            expect(')');
            if (n < 1) {
                throw error(kind.name().toLowerCase(Locale.ROOT) + " length must be positive");
            }
            return new HiveType(kind, n, 0, List.of(), List.of());
        }

        private HiveType decimal() {
            skipSpaces();
            if (pos >= text.length() || text.charAt(pos) != '(') {
                return new HiveType(Kind.DECIMAL, 10, 0, List.of(), List.of()); // Hive's default decimal(10,0)
            }
            expect('(');
            int precision = number();
            int scale = 0;
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
                scale = number();
            }
            expect(')');
            if (precision < 1 || precision > 38 || scale > precision) {
                throw error("decimal(" + precision + "," + scale + ") needs 1 <= precision <= 38 and scale <= precision");
            }
            return new HiveType(Kind.DECIMAL, precision, scale, List.of(), List.of());
        }

        private HiveType struct() {
            expect('<');
            List<HiveType> fields = new ArrayList<>();
            List<String> names = new ArrayList<>();
            do {
                skipSpaces();
                String field = word().toLowerCase(Locale.ROOT);
                if (field.isEmpty()) {
                    throw error("a struct field name is missing");
                }
                expect(':');
                names.add(field);
                fields.add(type());
                skipSpaces();
            } while (pos < text.length() && text.charAt(pos++) == ',');
            if (text.charAt(pos - 1) != '>') {
                throw error("'>' expected");
            }
            return new HiveType(Kind.STRUCT, 0, 0, fields, names);
        }

        private String word() {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private int number() {
            skipSpaces();
            String digits = word();
            try {
                return Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                throw error("a number expected, not '" + digits + "'");
            }
        }

        private void expect(char c) {
            skipSpaces();
            if (pos >= text.length() || text.charAt(pos) != c) {
                throw error("'" + c + "' expected");
            }
            pos++;
        }

        void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("Invalid type '" + text + "' at " + pos + ": " + what);
        }
    }
}
