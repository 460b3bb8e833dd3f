package io.sluice.delivery.s3;

import io.sluice.common.error.InvalidArgumentException;
import java.time.DateTimeException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A parsed {@code Prefix} or {@code ErrorOutputPrefix}: literal text and {@code !{namespace:value}}
 * expressions, in order. An expression runs from <code>!{</code> to the next <code>&#125;</code>; its namespace ends at the
 * first {@code :}. Known expressions: {@code !{timestamp:<DateTimeFormatter pattern>}},
 * {@code !{firehose:random-string}}, {@code !{firehose:error-output-type}},
 * {@code !{partitionKeyFromQuery:<key>}} and {@code !{partitionKeyFromLambda:<key>}}; anything else that
 * starts with <code>!{</code> is refused.
 */
final class PrefixTemplate {

    /** What a part of the template is. */
    enum Kind { LITERAL, TIMESTAMP, RANDOM_STRING, ERROR_OUTPUT_TYPE, KEY_FROM_QUERY, KEY_FROM_LAMBDA }

    /** One part: {@code text} is the literal, the pattern or the key name. */
    record Part(Kind kind, String text, DateTimeFormatter formatter) {}

    /** Alphabet of {@code !{firehose:random-string}}: lowercase hex, as in AWS's examples. */
    private static final char[] RANDOM_ALPHABET = "0123456789abcdef".toCharArray();
    private static final ZonedDateTime SAMPLE = ZonedDateTime.parse("2018-08-27T10:30:00Z");

    private final List<Part> parts;

    private PrefixTemplate(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** Parses {@code template} (null is empty); {@code field} names it in error messages. */
    static PrefixTemplate parse(String field, String template) {
        List<Part> parts = new ArrayList<>();
        String text = template == null ? "" : template;
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("!{", i);
            if (start < 0) {
                start = text.length();
            }
            if (start > i) {
                parts.add(new Part(Kind.LITERAL, text.substring(i, start), null));
            }
            if (start == text.length()) {
                break;
            }
            int end = text.indexOf('}', start + 2);
            if (end < 0) {
                throw invalid(field, "the expression at position " + start + " has no closing '}'."
                        + " The sequence !{ can only start a !{namespace:value} expression.");
            }
            parts.add(expression(field, text.substring(start, end + 1)));
            i = end + 1;
        }
        return new PrefixTemplate(parts);
    }

    boolean hasExpressions() {
        return parts.stream().anyMatch(p -> p.kind() != Kind.LITERAL);
    }

    boolean contains(Kind kind) {
        return parts.stream().anyMatch(p -> p.kind() == kind);
    }

    /** The texts (patterns, key names) of the parts of {@code kind}, in order, each once. */
    Set<String> values(Kind kind) {
        Set<String> values = new LinkedHashSet<>();
        parts.stream().filter(p -> p.kind() == kind).forEach(p -> values.add(p.text()));
        return values;
    }

    boolean containsPartitionKey() {
        return contains(Kind.KEY_FROM_QUERY) || contains(Kind.KEY_FROM_LAMBDA);
    }

    /**
     * Evaluates the template at {@code time} for the object in {@code c}.
     *
     * @param errorOutputType the value of {@code !{firehose:error-output-type}}; null outside error keys
     * @throws PrefixEvaluationException if a partition key the template names is missing
     */
    String evaluate(ZonedDateTime time, KeyContext c, String errorOutputType) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            out.append(switch (p.kind()) {
                case LITERAL -> p.text();
                case TIMESTAMP -> p.formatter().format(time);
                case RANDOM_STRING -> randomString(c);
                case ERROR_OUTPUT_TYPE -> requireErrorOutputType(errorOutputType);
                case KEY_FROM_QUERY -> partitionKey(c.partitionKeysFromQuery(), "partitionKeyFromQuery", p.text());
                case KEY_FROM_LAMBDA -> partitionKey(c.partitionKeysFromLambda(), "partitionKeyFromLambda", p.text());
            });
        }
        return out.toString();
    }

    private static Part expression(String field, String expression) {
        String body = expression.substring(2, expression.length() - 1);
        int colon = body.indexOf(':');
        if (colon < 0) {
            throw invalid(field, expression + " is not of the form !{namespace:value}.");
        }
        String namespace = body.substring(0, colon);
        String value = body.substring(colon + 1);
        if (value.isEmpty()) {
            throw invalid(field, expression + " has no value.");
        }
        return switch (namespace) {
            case "timestamp" -> new Part(Kind.TIMESTAMP, value, formatter(field, expression, value));
            case "firehose" -> firehose(field, expression, value);
            case "partitionKeyFromQuery" -> new Part(Kind.KEY_FROM_QUERY, value, null);
            case "partitionKeyFromLambda" -> new Part(Kind.KEY_FROM_LAMBDA, value, null);
            default -> throw invalid(field, expression + " has an unknown namespace '" + namespace + "'; the namespaces"
                    + " are firehose, timestamp, partitionKeyFromQuery and partitionKeyFromLambda.");
        };
    }

    private static Part firehose(String field, String expression, String value) {
        return switch (value) {
            case "random-string" -> new Part(Kind.RANDOM_STRING, value, null);
            case "error-output-type" -> new Part(Kind.ERROR_OUTPUT_TYPE, value, null);
            default -> throw invalid(field, expression + " is unknown; the firehose namespace has random-string"
                    + " and error-output-type.");
        };
    }

    /** A pattern must build and must format a zoned date-time (no field it cannot print). */
    private static DateTimeFormatter formatter(String field, String expression, String pattern) {
        try {
            DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern, Locale.US);
            formatter.format(SAMPLE);
            return formatter;
        } catch (IllegalArgumentException | DateTimeException e) {
            throw invalid(field, expression + " is not a valid Java DateTimeFormatter pattern: " + e.getMessage());
        }
    }

    private static String randomString(KeyContext c) {
        char[] chars = new char[ObjectKeys.RANDOM_STRING_LENGTH];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = RANDOM_ALPHABET[c.random().nextInt(RANDOM_ALPHABET.length)];
        }
        return new String(chars);
    }

    private static String requireErrorOutputType(String errorOutputType) {
        if (errorOutputType == null || errorOutputType.isEmpty()) {
            throw new IllegalArgumentException("!{firehose:error-output-type} is only evaluated in an error key");
        }
        return errorOutputType;
    }

    private static String partitionKey(Map<String, String> keys, String namespace, String name) {
        String value = keys.get(name);
        if (value == null) {
            throw new PrefixEvaluationException("The record has no partition key '" + name + "' for !{" + namespace + ":"
                    + name + "}.");
        }
        return value;
    }

    private static InvalidArgumentException invalid(String field, String detail) {
        return new InvalidArgumentException("Invalid " + field + ": " + detail);
    }
}
