package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The legacy AttributeUpdates parameter of UpdateItem: PUT (the default), ADD and DELETE per attribute. */
final class AttributeUpdates implements ItemUpdate {

    private final ObjectNode updates;

    AttributeUpdates(ObjectNode updates) {
        this.updates = updates;
        for (Map.Entry<String, JsonNode> update : updates.properties()) {
            String action = action(update.getValue());
            JsonNode value = update.getValue().get("Value");
            if (value != null) {
                AttributeValues.validate(value);
            }
            switch (action) {
                case "PUT", "ADD" -> {
                    if (value == null) {
                        throw DynamoException.validation("One or more parameter values were invalid: Only DELETE "
                                + "action is allowed when no attribute value is specified");
                    }
                }
                case "DELETE" -> {
                    if (value != null && !Set.of("SS", "NS", "BS").contains(AttributeValues.type(value))) {
                        throw DynamoException.validation("One or more parameter values were invalid: DELETE action "
                                + "with value is not supported for the type " + AttributeValues.type(value));
                    }
                }
                default -> throw DynamoException.validation("Unknown AttributeAction: " + action);
            }
        }
    }

    @Override
    public Set<String> attributeNames() {
        Set<String> names = new LinkedHashSet<>();
        updates.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** An absent item is created unless every action is a DELETE. */
    @Override
    public boolean createsItem() {
        for (JsonNode update : updates) {
            if (!action(update).equals("DELETE")) {
                return true;
            }
        }
        return updates.isEmpty();
    }

    @Override
    public void apply(ObjectNode item) {
        for (Map.Entry<String, JsonNode> update : updates.properties()) {
            String name = update.getKey();
            JsonNode value = update.getValue().get("Value");
            switch (action(update.getValue())) {
                case "PUT" -> item.set(name, value.deepCopy());
                case "ADD" -> item.set(name, AttributeValues.add(item.get(name), value));
                default -> {
                    if (value == null || !item.has(name)) {
                        item.remove(name);
                    } else {
                        JsonNode remaining = AttributeValues.removeElements(item.get(name), value);
                        if (remaining == null) {
                            item.remove(name);
                        } else {
                            item.set(name, remaining);
                        }
                    }
                }
            }
        }
    }

    private static String action(JsonNode update) {
        return Json.text(update, "Action", "PUT");
    }
}
