package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Type, equality, ordering, size and set arithmetic of attribute values held as Jackson nodes like {"S":"x"}. */
final class AttributeValues {

    private static final Set<String> TYPES = Set.of("S", "N", "B", "SS", "NS", "BS", "M", "L", "BOOL", "NULL");

    private AttributeValues() {}

    /** The type descriptor (S, N, B, SS, NS, BS, M, L, BOOL or NULL) of a value. */
    static String type(JsonNode value) {
        if (value == null || !value.isObject() || value.isEmpty()) {
            throw DynamoException.validation("Supplied AttributeValue is empty, must contain exactly one of the "
                    + "supported datatypes");
        }
        if (value.size() > 1) {
            throw DynamoException.validation("Supplied AttributeValue has more than one datatypes set, "
                    + "must contain exactly one of the supported datatypes");
        }
        String type = value.fieldNames().next();
        if (!TYPES.contains(type)) {
            throw DynamoException.validation("Supplied AttributeValue has an unknown datatype: " + type);
        }
        return type;
    }

    static ObjectNode string(String text) {
        ObjectNode value = Json.object();
        value.put("S", text);
        return value;
    }

    static ObjectNode number(BigDecimal number) {
        ObjectNode value = Json.object();
        value.put("N", canonicalNumber(number));
        return value;
    }

    static BigDecimal number(JsonNode value) {
        return new BigDecimal(value.get("N").asText());
    }

    /** Checks an incoming value (recursively): one known type, numbers that parse, sets that are non-empty. */
    static void validate(JsonNode value) {
        String type = type(value);
        JsonNode content = value.get(type);
        switch (type) {
            case "N":
                parseNumber(content.asText());
                break;
            case "SS":
            case "NS":
            case "BS":
                if (!content.isArray() || content.isEmpty()) {
                    throw DynamoException.validation("One or more parameter values were invalid: "
                            + "An " + type + " set may not be empty");
                }
                Set<String> seen = new LinkedHashSet<>();
                for (JsonNode element : content) {
                    String canonical = type.equals("NS") ? canonicalNumber(parseNumber(element.asText()))
                            : element.asText();
                    if (!seen.add(canonical)) {
                        throw DynamoException.validation("One or more parameter values were invalid: "
                                + "Input collection " + content + " contains duplicates.");
                    }
                }
                break;
            case "M":
                content.forEach(AttributeValues::validate);
                break;
            case "L":
                content.forEach(AttributeValues::validate);
                break;
            default:
                break;
        }
    }

    static boolean isEqual(JsonNode a, JsonNode b) {
        String type = type(a);
        if (!type.equals(type(b))) {
            return false;
        }
        JsonNode x = a.get(type);
        JsonNode y = b.get(type);
        switch (type) {
            case "N":
                return number(a).compareTo(number(b)) == 0;
            case "B":
                return Arrays.equals(bytes(x), bytes(y));
            case "SS":
            case "NS":
            case "BS":
                return elements(type, x).equals(elements(type, y));
            case "L":
                if (x.size() != y.size()) {
                    return false;
                }
                for (int i = 0; i < x.size(); i++) {
                    if (!isEqual(x.get(i), y.get(i))) {
                        return false;
                    }
                }
                return true;
            case "M":
                if (x.size() != y.size()) {
                    return false;
                }
                for (Map.Entry<String, JsonNode> field : x.properties()) {
                    JsonNode other = y.get(field.getKey());
                    if (other == null || !isEqual(field.getValue(), other)) {
                        return false;
                    }
                }
                return true;
            default:
                return x.equals(y);
        }
    }

    /** Orders two values of the same scalar type S, N or B; null when they cannot be ordered. */
    static Integer compare(JsonNode a, JsonNode b) {
        String type = type(a);
        if (!type.equals(type(b))) {
            return null;
        }
        switch (type) {
            case "N":
                return number(a).compareTo(number(b));
            case "S":
                return Arrays.compareUnsigned(utf8(a.get("S")), utf8(b.get("S")));
            case "B":
                return Arrays.compareUnsigned(bytes(a.get("B")), bytes(b.get("B")));
            default:
                return null;
        }
    }

    /**
     * Whether {@code a op b} holds for the comparison operators of the expression language; a missing operand (null)
     * only satisfies {@code <>}.
     */
    static boolean satisfies(JsonNode a, String op, JsonNode b) {
        if (op.equals("<>")) {
            return a == null || b == null || !isEqual(a, b);
        }
        if (a == null || b == null) {
            return false;
        }
        if (op.equals("=")) {
            return isEqual(a, b);
        }
        Integer order = compare(a, b);
        if (order == null) {
            return false;
        }
        switch (op) {
            case "<":
                return order < 0;
            case "<=":
                return order <= 0;
            case ">":
                return order > 0;
            case ">=":
                return order >= 0;
            default:
                throw new IllegalArgumentException(op);
        }
    }

    /** The size() function: characters of a string, bytes of a binary, elements of a set, list or map. */
    static int size(JsonNode value) {
        String type = type(value);
        JsonNode content = value.get(type);
        switch (type) {
            case "S":
                return content.asText().length();
            case "B":
                return bytes(content).length;
            case "SS":
            case "NS":
            case "BS":
            case "L":
            case "M":
                return content.size();
            default:
                throw DynamoException.validation("Invalid ConditionExpression: Incorrect operand type for operator "
                        + "or function; operator or function: size, operand type: " + type);
        }
    }

    /** The contains() function: a substring of a string, a member of a set, or an element of a list. */
    static boolean contains(JsonNode container, JsonNode operand) {
        if (container == null || operand == null) {
            return false;
        }
        String type = type(container);
        String operandType = type(operand);
        JsonNode content = container.get(type);
        switch (type) {
            case "S":
                return operandType.equals("S") && content.asText().contains(operand.get("S").asText());
            case "B":
                return operandType.equals("B") && indexOf(bytes(content), bytes(operand.get("B"))) >= 0;
            case "SS":
            case "NS":
            case "BS":
                return type.equals(operandType + "S")
                        && elements(type, content).contains(canonicalElement(type, operand.get(operandType)));
            case "L":
                for (JsonNode element : content) {
                    if (isEqual(element, operand)) {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }

    /** The begins_with() function on strings and binaries. */
    static boolean beginsWith(JsonNode value, JsonNode prefix) {
        if (value == null || prefix == null) {
            return false;
        }
        String type = type(value);
        if (!type.equals(type(prefix))) {
            return false;
        }
        if (type.equals("S")) {
            return value.get("S").asText().startsWith(prefix.get("S").asText());
        }
        if (type.equals("B")) {
            byte[] bytes = bytes(value.get("B"));
            byte[] start = bytes(prefix.get("B"));
            return bytes.length >= start.length && Arrays.equals(Arrays.copyOf(bytes, start.length), start);
        }
        return false;
    }

    /** ADD: a number added to a number (absent counts as 0), or a set united with a set of the same type. */
    static JsonNode add(JsonNode existing, JsonNode delta) {
        String type = type(delta);
        if (!type.equals("N") && !type.endsWith("S")) {
            throw wrongOperand("ADD", type);
        }
        if (existing == null) {
            return delta.deepCopy();
        }
        if (!type(existing).equals(type)) {
            throw wrongOperand("ADD", type(existing));
        }
        if (type.equals("N")) {
            return number(number(existing).add(number(delta)));
        }
        ObjectNode union = existing.deepCopy();
        ArrayNode members = (ArrayNode) union.get(type);
        Set<String> present = elements(type, members);
        for (JsonNode element : delta.get(type)) {
            if (present.add(canonicalElement(type, element))) {
                members.add(element.deepCopy());
            }
        }
        return union;
    }

    /** DELETE of set elements: the remaining set, or null when nothing remains. */
    static JsonNode removeElements(JsonNode existing, JsonNode delta) {
        String type = type(delta);
        if (!type.equals("SS") && !type.equals("NS") && !type.equals("BS")) {
            throw wrongOperand("DELETE", type);
        }
        if (!type(existing).equals(type)) {
            throw wrongOperand("DELETE", type(existing));
        }
        Set<String> removed = elements(type, delta.get(type));
        ArrayNode remaining = Json.array();
        for (JsonNode element : existing.get(type)) {
            if (!removed.contains(canonicalElement(type, element))) {
                remaining.add(element.deepCopy());
            }
        }
        if (remaining.isEmpty()) {
            return null;
        }
        ObjectNode result = Json.object();
        result.set(type, remaining);
        return result;
    }

    /** A stable text form of a scalar key value, used to spread items over scan segments. */
    static String canonical(JsonNode value) {
        String type = type(value);
        return type + ":" + canonicalElement(type + "S", value.get(type));
    }

    /** A rough stored size of an item, for TableSizeBytes. */
    static long sizeOf(ObjectNode item) {
        return Json.bytes(item).length;
    }

    private static DynamoException wrongOperand(String operator, String type) {
        return DynamoException.validation("Invalid UpdateExpression: Incorrect operand type for operator or function; "
                + "operator: " + operator + ", operand type: " + type);
    }

    private static Set<String> elements(String setType, JsonNode array) {
        Set<String> elements = new LinkedHashSet<>();
        for (JsonNode element : array) {
            elements.add(canonicalElement(setType, element));
        }
        return elements;
    }

    private static String canonicalElement(String setType, JsonNode element) {
        switch (setType) {
            case "NS":
                return canonicalNumber(new BigDecimal(element.asText()));
            case "BS":
                return Base64.getEncoder().encodeToString(bytes(element));
            default:
                return element.asText();
        }
    }

    private static String canonicalNumber(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }

    private static BigDecimal parseNumber(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw DynamoException.validation("The parameter cannot be converted to a numeric value: " + text);
        }
    }

    private static byte[] utf8(JsonNode text) {
        return text.asText().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(JsonNode base64) {
        try {
            return Base64.getDecoder().decode(base64.asText());
        } catch (IllegalArgumentException e) {
            throw DynamoException.serialization("Base64 encoded length is expected a multiple of 4 bytes");
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
