package io.sluice.tests.dynamo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The shared Jackson mapper and the request field readers every operation uses. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static JsonNode parse(byte[] body) {
        try {
            JsonNode node = body.length == 0 ? object() : MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw DynamoException.serialization("The request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw DynamoException.serialization("Malformed JSON request body: " + e.getMessage());
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean has(JsonNode request, String field) {
        JsonNode value = request.get(field);
        return value != null && !value.isNull();
    }

    static String text(JsonNode request, String field, String fallback) {
        return has(request, field) ? request.get(field).asText() : fallback;
    }

    static String requiredText(JsonNode request, String field) {
        if (!has(request, field) || request.get(field).asText().isEmpty()) {
            throw missing(field);
        }
        return request.get(field).asText();
    }

    /** The object under {@code field}, or null when absent. */
    static ObjectNode object(JsonNode request, String field) {
        if (!has(request, field)) {
            return null;
        }
        JsonNode value = request.get(field);
        if (!value.isObject()) {
            throw DynamoException.serialization("Expected an object for " + field);
        }
        return (ObjectNode) value;
    }

    static ObjectNode requiredObject(JsonNode request, String field) {
        ObjectNode value = object(request, field);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    /** The elements of the array under {@code field}; empty when absent. */
    static ArrayNode array(JsonNode request, String field) {
        if (!has(request, field)) {
            return array();
        }
        JsonNode value = request.get(field);
        if (!value.isArray()) {
            throw DynamoException.serialization("Expected an array for " + field);
        }
        return (ArrayNode) value;
    }

    static Integer integer(JsonNode request, String field) {
        if (!has(request, field)) {
            return null;
        }
        JsonNode value = request.get(field);
        if (!value.canConvertToInt()) {
            throw DynamoException.serialization("Expected an integer for " + field);
        }
        return value.asInt();
    }

    private static DynamoException missing(String field) {
        String member = Character.toLowerCase(field.charAt(0)) + field.substring(1);
        return DynamoException.validation("1 validation error detected: Value null at '" + member
                + "' failed to satisfy constraint: Member must not be null");
    }
}
