package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** One table: its key schema, indexes and settings, and its items ordered by primary key. */
final class DynamoTable {

    static final String ARN_PREFIX = "arn:aws:dynamodb:us-east-1:000000000000:table/";

    private final String name;
    private final String id = UUID.randomUUID().toString();
    private final BigDecimal creationDateTime = BigDecimal.valueOf(System.currentTimeMillis(), 3);
    private final Map<String, String> attributeTypes = new LinkedHashMap<>();
    private final KeySchema keys;
    private final Map<String, SecondaryIndex> indexes = new LinkedHashMap<>();
    private final NavigableMap<ItemKey, ObjectNode> items = new TreeMap<>();
    private String billingMode;
    private ObjectNode throughput;
    private boolean deletionProtection;
    private boolean pointInTimeRecovery;
    private String timeToLiveAttribute;

    private DynamoTable(JsonNode request) {
        name = Json.requiredText(request, "TableName");
        if (!name.matches("[a-zA-Z0-9_.-]{3,255}")) {
            throw DynamoException.validation("1 validation error detected: Value '" + name + "' at 'tableName' "
                    + "failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        addAttributeDefinitions(Json.array(request, "AttributeDefinitions"));
        keys = KeySchema.parse(Json.array(request, "KeySchema"), attributeTypes);
        billingMode = Json.text(request, "BillingMode", "PROVISIONED");
        setThroughput(Json.object(request, "ProvisionedThroughput"));
        for (JsonNode definition : Json.array(request, "GlobalSecondaryIndexes")) {
            addIndex(definition);
        }
        if (Json.has(request, "LocalSecondaryIndexes")) {
            throw DynamoException.validation("LocalSecondaryIndexes are not supported by this test server");
        }
        deletionProtection = request.path("DeletionProtectionEnabled").asBoolean(false);
    }

    static DynamoTable create(JsonNode request) {
        return new DynamoTable(request);
    }

    String name() {
        return name;
    }

    String arn() {
        return ARN_PREFIX + name;
    }

    KeySchema keys() {
        return keys;
    }

    /** The index named {@code indexName}; a ValidationException when the table has none of that name. */
    SecondaryIndex index(String indexName) {
        SecondaryIndex index = indexes.get(indexName);
        if (index == null) {
            throw DynamoException.validation("The table does not have the specified index: " + indexName);
        }
        return index;
    }

    /** The stored item (not a copy), or null. */
    ObjectNode get(ItemKey key) {
        return items.get(key);
    }

    /** Checks the table and index key attributes of an item about to be written. */
    void check(ObjectNode item) {
        keys.checkItem(item, null);
        for (SecondaryIndex index : indexes.values()) {
            index.keys().checkItem(item, index.name());
        }
    }

    /** Stores an item (which is never changed afterwards: updates store a changed copy). */
    void put(ObjectNode item) {
        check(item);
        items.put(keys.keyOf(item), item);
    }

    void delete(ItemKey key) {
        items.remove(key);
    }

    /** The stored items in key order. */
    Collection<ObjectNode> items() {
        return items.values();
    }

    /** UpdateTable: new attribute definitions, index creations and deletions, billing and protection settings. */
    void update(JsonNode request) {
        addAttributeDefinitions(Json.array(request, "AttributeDefinitions"));
        for (JsonNode update : Json.array(request, "GlobalSecondaryIndexUpdates")) {
            if (Json.has(update, "Create")) {
                addIndex(update.get("Create"));
            } else if (Json.has(update, "Delete")) {
                String indexName = Json.requiredText(update.get("Delete"), "IndexName");
                if (indexes.remove(indexName) == null) {
                    throw DynamoException.resourceNotFound(
                            "Requested resource not found: Index: " + indexName + " not found");
                }
            }
        }
        if (Json.has(request, "BillingMode") || Json.has(request, "ProvisionedThroughput")) {
            billingMode = Json.text(request, "BillingMode", billingMode);
            if (billingMode.equals("PAY_PER_REQUEST")) {
                throughput = null;
            }
            setThroughput(Json.object(request, "ProvisionedThroughput"));
        }
        if (Json.has(request, "DeletionProtectionEnabled")) {
            deletionProtection = request.get("DeletionProtectionEnabled").asBoolean();
        }
    }

    boolean deletionProtection() {
        return deletionProtection;
    }

    boolean pointInTimeRecovery() {
        return pointInTimeRecovery;
    }

    void pointInTimeRecovery(boolean enabled) {
        pointInTimeRecovery = enabled;
    }

    /** The TTL attribute, or null while TTL is disabled. */
    String timeToLiveAttribute() {
        return timeToLiveAttribute;
    }

    void timeToLiveAttribute(String attribute) {
        timeToLiveAttribute = attribute;
    }

    ObjectNode describe(String status) {
        ObjectNode description = Json.object();
        description.put("TableName", name);
        description.put("TableId", id);
        description.put("TableArn", arn());
        description.put("TableStatus", status);
        ArrayNode definitions = description.putArray("AttributeDefinitions");
        attributeTypes.forEach((attribute, type) ->
                definitions.addObject().put("AttributeName", attribute).put("AttributeType", type));
        description.set("KeySchema", keys.describe());
        description.put("CreationDateTime", creationDateTime);
        description.put("ItemCount", items.size());
        description.put("TableSizeBytes", items.values().stream().mapToLong(AttributeValues::sizeOf).sum());
        ObjectNode provisioned = description.putObject("ProvisionedThroughput");
        provisioned.put("NumberOfDecreasesToday", 0);
        provisioned.put("ReadCapacityUnits", throughput == null ? 0 : throughput.path("ReadCapacityUnits").asLong());
        provisioned.put("WriteCapacityUnits", throughput == null ? 0 : throughput.path("WriteCapacityUnits").asLong());
        description.putObject("BillingModeSummary").put("BillingMode", billingMode);
        if (!indexes.isEmpty()) {
            ArrayNode described = description.putArray("GlobalSecondaryIndexes");
            indexes.values().forEach(index -> described.add(index.describe(arn(), items.values())));
        }
        description.put("DeletionProtectionEnabled", deletionProtection);
        return description;
    }

    private void addAttributeDefinitions(ArrayNode definitions) {
        for (JsonNode definition : definitions) {
            String type = Json.requiredText(definition, "AttributeType");
            if (!Set.of("S", "N", "B").contains(type)) {
                throw DynamoException.validation("1 validation error detected: Value '" + type + "' at "
                        + "'attributeDefinitions.member.attributeType' failed to satisfy constraint: Member must "
                        + "satisfy enum value set: [B, N, S]");
            }
            attributeTypes.put(Json.requiredText(definition, "AttributeName"), type);
        }
    }

    private void addIndex(JsonNode definition) {
        SecondaryIndex index = SecondaryIndex.parse(definition, attributeTypes);
        if (indexes.containsKey(index.name())) {
            throw DynamoException.validation("One or more parameter values were invalid: Index with name: "
                    + index.name() + " already exists");
        }
        if ("PROVISIONED".equals(billingMode) && !Json.has(definition, "ProvisionedThroughput")) {
            throw DynamoException.validation("One or more parameter values were invalid: ProvisionedThroughput "
                    + "should be specified for index: " + index.name());
        }
        for (ObjectNode item : items.values()) {
            if (index.holds(item)) {
                index.keys().checkItem(item, index.name());
            }
        }
        indexes.put(index.name(), index);
    }

    private void setThroughput(ObjectNode requested) {
        if (billingMode.equals("PROVISIONED") && requested == null && throughput == null) {
            throw DynamoException.validation("One or more parameter values were invalid: ReadCapacityUnits and "
                    + "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }
        if (billingMode.equals("PAY_PER_REQUEST") && requested != null) {
            throw DynamoException.validation("One or more parameter values were invalid: Neither "
                    + "ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is "
                    + "PAY_PER_REQUEST");
        }
        if (requested != null) {
            throughput = requested.deepCopy();
        }
    }
}
