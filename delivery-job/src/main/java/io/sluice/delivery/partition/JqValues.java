package io.sluice.delivery.partition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;

/**
 * jq's view of JSON values: type names as jq's messages give them, and text as jq 1.6 prints it. jq keeps
 * every number as a double and prints it with the fewest digits that read back the same, in plain notation
 * unless the exponent is below -4 or more than 15 places past the digits ({@code 1565382027},
 * {@code 0.5}, {@code 1e+22}, {@code 1e-05}).
 */
final class JqValues {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JqValues() {}

    static String typeName(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return "null";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isTextual()) {
            return "string";
        }
        return value.isArray() ? "array" : "object";
    }

    /** The value as compact JSON text, numbers as jq prints them. */
    static String json(JsonNode value) {
        if (value.isNumber()) {
            return number(value.doubleValue());
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A number as jq 1.6 prints it. */
    static String number(double d) {
        if (Double.isNaN(d)) {
            return "null";
        }
        double v = Math.max(-Double.MAX_VALUE, Math.min(Double.MAX_VALUE, d));
        if (v == 0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int decimalPoint = digits.length() - exact.scale();
        StringBuilder out = new StringBuilder(v < 0 ? "-" : "");
        if (decimalPoint <= -4 || decimalPoint > digits.length() + 15) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int exponent = decimalPoint - 1;
            out.append('e').append(exponent < 0 ? '-' : '+');
            out.append(Math.abs(exponent) < 10 ? "0" : "").append(Math.abs(exponent));
        } else if (decimalPoint <= 0) {
            out.append("0.").append("0".repeat(-decimalPoint)).append(digits);
        } else if (decimalPoint >= digits.length()) {
            out.append(digits).append("0".repeat(decimalPoint - digits.length()));
        } else {
            out.append(digits, 0, decimalPoint).append('.').append(digits, decimalPoint, digits.length());
        }
        return out.toString();
    }
}
