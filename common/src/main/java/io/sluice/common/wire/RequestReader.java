package io.sluice.common.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.sluice.common.error.SerializationException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed access to the members of a decoded request structure. A member of the wrong type is a
 * {@link SerializationException}, as in AWS; a missing member reads as {@code null} so that the
 * handler can report it as a {@code ValidationException} together with the other violations.
 */
public final class RequestReader {

    private final JsonNode node;
    private final WireFormat format;

    private RequestReader(JsonNode node, WireFormat format) {
        this.node = node;
        this.format = format;
    }

    /** Decodes a request body; an empty or malformed body, or one that is not a structure, fails. */
    public static RequestReader parse(byte[] body, WireFormat format) {
        if (body == null || body.length == 0) {
            throw new SerializationException("The request body is empty; expected a " + format + " structure.");
        }
        JsonNode root;
        try {
            root = format.mapper().readTree(body);
        } catch (IOException e) {
            throw new SerializationException("The request body is not valid " + format + ": " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new SerializationException("The request body must be a " + format + " structure (map).");
        }
        return new RequestReader(root, format);
    }

    public WireFormat format() {
        return format;
    }

    /** This structure encoded again in its format (to carry a member to where it is applied). */
    public byte[] encode() {
        try {
            return format.mapper().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new SerializationException("The structure cannot be encoded: " + firstLine(e.getMessage()));
        }
    }

    public boolean has(String member) {
        JsonNode v = node.get(member);
        return v != null && !v.isNull();
    }

    public String string(String member) {
        JsonNode v = value(member);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw typeError(member, "string");
        }
        return v.textValue();
    }

    public Integer integer(String member) {
        JsonNode v = value(member);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw typeError(member, "integer");
        }
        return v.intValue();
    }

    public Boolean bool(String member) {
        JsonNode v = value(member);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw typeError(member, "boolean");
        }
        return v.booleanValue();
    }

    /** A blob: a byte string in CBOR, a base64 string in JSON. */
    public byte[] blob(String member) {
        JsonNode v = value(member);
        if (v == null) {
            return null;
        }
        try {
            if (v.isBinary()) {
                return v.binaryValue();
            }
            if (v.isTextual()) {
                return Base64.getDecoder().decode(v.textValue());
            }
        } catch (IllegalArgumentException | IOException e) {
            throw new SerializationException("Member '" + member + "' is not valid base64: " + firstLine(e.getMessage()));
        }
        throw typeError(member, "blob");
    }

    /**
     * A timestamp as epoch milliseconds. JSON carries epoch seconds (with a fraction); CBOR from the
     * AWS SDK carries integer epoch milliseconds (a floating-point CBOR value is read as seconds).
     */
    public Long timestampMillis(String member) {
        JsonNode v = value(member);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw typeError(member, "timestamp");
        }
        if (format == WireFormat.CBOR && v.isIntegralNumber()) {
            return v.longValue();
        }
        return new BigDecimal(v.asText()).movePointRight(3).longValue();
    }

    public RequestReader struct(String member) {
        JsonNode v = value(member);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw typeError(member, "structure");
        }
        return new RequestReader(v, format);
    }

    public List<RequestReader> structList(String member) {
        JsonNode v = value(member);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw typeError(member, "list");
        }
        List<RequestReader> items = new ArrayList<>(v.size());
        for (JsonNode item : v) {
            if (!item.isObject()) {
                throw typeError(member, "list of structures");
            }
            items.add(new RequestReader(item, format));
        }
        return items;
    }

    /** A map of strings to strings (tags), in the request's order. */
    public Map<String, String> stringMap(String member) {
        JsonNode v = value(member);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw typeError(member, "map");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (!e.getValue().isTextual()) {
                throw typeError(member, "map of strings");
            }
            map.put(e.getKey(), e.getValue().textValue());
        }
        return map;
    }

    /** A list of strings. */
    public List<String> stringList(String member) {
        JsonNode v = value(member);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw typeError(member, "list");
        }
        List<String> items = new ArrayList<>(v.size());
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw typeError(member, "list of strings");
            }
            items.add(item.textValue());
        }
        return items;
    }

    private JsonNode value(String member) {
        JsonNode v = node.path(member);
        return v instanceof MissingNode || v.isNull() ? null : v;
    }

    private static SerializationException typeError(String member, String expected) {
        return new SerializationException("Member '" + member + "' must be a " + expected + ".");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
