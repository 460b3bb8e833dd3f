package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.TreeSet;

/** A request's ExpressionAttributeNames and ExpressionAttributeValues, and which of them its expressions used. */
final class ExpressionContext {

    private final ObjectNode names;
    private final ObjectNode values;
    private final Set<String> usedNames = new TreeSet<>();
    private final Set<String> usedValues = new TreeSet<>();

    ExpressionContext(JsonNode request) {
        this(Json.object(request, "ExpressionAttributeNames"), Json.object(request, "ExpressionAttributeValues"));
    }

    ExpressionContext(ObjectNode names, ObjectNode values) {
        this.names = names == null ? Json.object() : names;
        this.values = values == null ? Json.object() : values;
        this.values.forEach(AttributeValues::validate);
    }

    /** The attribute name a {@code #placeholder} stands for. */
    String name(String placeholder, String kind) {
        JsonNode name = names.get(placeholder);
        if (name == null || !name.isTextual()) {
            throw DynamoException.validation("Invalid " + kind + ": An expression attribute name used in the "
                    + "document path is not defined; attribute name: " + placeholder);
        }
        usedNames.add(placeholder);
        return name.asText();
    }

    /** The attribute value a {@code :placeholder} stands for. */
    JsonNode value(String placeholder, String kind) {
        JsonNode value = values.get(placeholder);
        if (value == null) {
            throw DynamoException.validation("Invalid " + kind + ": An expression attribute value used in "
                    + "expression is not defined; attribute value: " + placeholder);
        }
        usedValues.add(placeholder);
        return value;
    }

    /** Rejects placeholders that none of the request's expressions used, as DynamoDB does. */
    void checkAllUsed() {
        Set<String> unusedNames = new TreeSet<>();
        names.fieldNames().forEachRemaining(unusedNames::add);
        unusedNames.removeAll(usedNames);
        if (!unusedNames.isEmpty()) {
            throw DynamoException.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + String.join(", ", unusedNames) + "}");
        }
        Set<String> unusedValues = new TreeSet<>();
        values.fieldNames().forEachRemaining(unusedValues::add);
        unusedValues.removeAll(usedValues);
        if (!unusedValues.isEmpty()) {
            throw DynamoException.validation("Value provided in ExpressionAttributeValues unused in expressions: "
                    + "keys: {" + String.join(", ", unusedValues) + "}");
        }
    }
}
