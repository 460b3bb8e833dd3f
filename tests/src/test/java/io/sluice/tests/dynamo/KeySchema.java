package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The hash and optional range key of a table or index, with their declared scalar types. */
final class KeySchema {

    private final String hashName;
    private final String hashType;
    private final String rangeName;
    private final String rangeType;

    private KeySchema(String hashName, String hashType, String rangeName, String rangeType) {
        this.hashName = hashName;
        this.hashType = hashType;
        this.rangeName = rangeName;
        this.rangeType = rangeType;
    }

    /** Reads a KeySchema array, typing each key from {@code attributeTypes} (the AttributeDefinitions). */
    static KeySchema parse(ArrayNode keySchema, Map<String, String> attributeTypes) {
        String hash = null;
        String range = null;
        for (JsonNode element : keySchema) {
            String name = Json.requiredText(element, "AttributeName");
            String keyType = Json.requiredText(element, "KeyType");
            if (keyType.equals("HASH") && hash == null) {
                hash = name;
            } else if (keyType.equals("RANGE") && range == null && hash != null) {
                range = name;
            } else {
                throw DynamoException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key "
                        + "type, or there is more than one HASH or RANGE key");
            }
        }
        if (hash == null) {
            throw DynamoException.validation("1 validation error detected: Value null at 'keySchema' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        List<String> undefined = new ArrayList<>();
        for (String name : range == null ? List.of(hash) : List.of(hash, range)) {
            if (!attributeTypes.containsKey(name)) {
                undefined.add(name);
            }
        }
        if (!undefined.isEmpty()) {
            throw DynamoException.validation("One or more parameter values were invalid: Some index key attributes "
                    + "are not defined in AttributeDefinitions. Keys: " + undefined + ", AttributeDefinitions: "
                    + attributeTypes.keySet());
        }
        return new KeySchema(hash, attributeTypes.get(hash), range, range == null ? null : attributeTypes.get(range));
    }

    String hashName() {
        return hashName;
    }

    /** The range key name, or null. */
    String rangeName() {
        return rangeName;
    }

    List<String> names() {
        return rangeName == null ? List.of(hashName) : List.of(hashName, rangeName);
    }

    /** Whether the item has every key attribute (an index holds only such items). */
    boolean covers(ObjectNode item) {
        return item.has(hashName) && (rangeName == null || item.has(rangeName));
    }

    ItemKey keyOf(ObjectNode item) {
        return new ItemKey(item.get(hashName), rangeName == null ? null : item.get(rangeName));
    }

    /** The key of a request's Key parameter, which must hold exactly the key attributes with their types. */
    ItemKey keyOfRequest(ObjectNode key) {
        if (key.size() != names().size() || !covers(key)) {
            throw DynamoException.validation("The provided key element does not match the schema");
        }
        checkType(key, hashName, hashType, null);
        if (rangeName != null) {
            checkType(key, rangeName, rangeType, null);
        }
        return keyOf(key);
    }

    /** An item holding just the key attributes. */
    ObjectNode itemOf(ItemKey key) {
        ObjectNode item = Json.object();
        item.set(hashName, key.hash().deepCopy());
        if (rangeName != null) {
            item.set(rangeName, key.range().deepCopy());
        }
        return item;
    }

    /** Checks the key attributes of an item written to the table ({@code index} null) or present for an index. */
    void checkItem(ObjectNode item, String index) {
        if (index == null) {
            for (String name : names()) {
                if (!item.has(name)) {
                    throw DynamoException.validation("One or more parameter values were invalid: Missing the key "
                            + name + " in the item");
                }
            }
        }
        checkType(item, hashName, hashType, index);
        if (rangeName != null) {
            checkType(item, rangeName, rangeType, index);
        }
    }

    ArrayNode describe() {
        ArrayNode schema = Json.array();
        schema.addObject().put("AttributeName", hashName).put("KeyType", "HASH");
        if (rangeName != null) {
            schema.addObject().put("AttributeName", rangeName).put("KeyType", "RANGE");
        }
        return schema;
    }

    private static void checkType(ObjectNode item, String name, String type, String index) {
        JsonNode value = item.get(name);
        if (value == null) {
            return;
        }
        String actual = AttributeValues.type(value);
        if (!actual.equals(type)) {
            throw DynamoException.validation("One or more parameter values were invalid: Type mismatch for "
                    + (index == null ? "key " + name : "Index Key " + name) + " expected: " + type + " actual: "
                    + actual + (index == null ? "" : " IndexName: " + index));
        }
        if (value.get(type).asText().isEmpty()) {
            throw DynamoException.validation("One or more parameter values are not valid. The AttributeValue for a key "
                    + "attribute cannot contain an empty " + (type.equals("S") ? "string" : "binary") + " value. "
                    + (index == null ? "Key: " : "IndexName: " + index + ", IndexKey: ") + name);
        }
    }
}
