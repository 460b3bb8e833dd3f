package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A global secondary index: which items it holds, which of their attributes it projects, and its description. */
final class SecondaryIndex {

    private final String name;
    private final KeySchema keys;
    private final ObjectNode projection;
    private final ObjectNode throughput;

    private SecondaryIndex(String name, KeySchema keys, ObjectNode projection, ObjectNode throughput) {
        this.name = name;
        this.keys = keys;
        this.projection = projection;
        this.throughput = throughput;
    }

    /** Reads a GlobalSecondaryIndexes element or a GlobalSecondaryIndexUpdates Create action. */
    static SecondaryIndex parse(JsonNode definition, Map<String, String> attributeTypes) {
        String name = Json.requiredText(definition, "IndexName");
        KeySchema keys = KeySchema.parse(Json.array(definition, "KeySchema"), attributeTypes);
        ObjectNode projection = Json.requiredObject(definition, "Projection").deepCopy();
        String type = Json.text(projection, "ProjectionType", "");
        if (!Set.of("ALL", "KEYS_ONLY", "INCLUDE").contains(type)) {
            throw DynamoException.validation("One or more parameter values were invalid: Unknown ProjectionType: "
                    + type);
        }
        ObjectNode throughput = Json.object(definition, "ProvisionedThroughput");
        return new SecondaryIndex(name, keys, projection, throughput == null ? null : throughput.deepCopy());
    }

    String name() {
        return name;
    }

    KeySchema keys() {
        return keys;
    }

    boolean holds(ObjectNode item) {
        return keys.covers(item);
    }

    /** The attributes of {@code item} this index returns: keys only, keys plus NonKeyAttributes, or all. */
    ObjectNode project(ObjectNode item, KeySchema tableKeys) {
        String type = projection.get("ProjectionType").asText();
        if (type.equals("ALL")) {
            return item.deepCopy();
        }
        Set<String> names = new LinkedHashSet<>(tableKeys.names());
        names.addAll(keys.names());
        if (type.equals("INCLUDE")) {
            Json.array(projection, "NonKeyAttributes").forEach(attribute -> names.add(attribute.asText()));
        }
        ObjectNode projected = Json.object();
        for (String attribute : names) {
            if (item.has(attribute)) {
                projected.set(attribute, item.get(attribute).deepCopy());
            }
        }
        return projected;
    }

    ObjectNode describe(String tableArn, Collection<ObjectNode> tableItems) {
        ObjectNode description = Json.object();
        description.put("IndexName", name);
        description.set("KeySchema", keys.describe());
        description.set("Projection", projection.deepCopy());
        description.put("IndexStatus", "ACTIVE");
        ObjectNode provisioned = description.putObject("ProvisionedThroughput");
        provisioned.put("NumberOfDecreasesToday", 0);
        provisioned.put("ReadCapacityUnits", throughput == null ? 0 : throughput.path("ReadCapacityUnits").asLong());
        provisioned.put("WriteCapacityUnits", throughput == null ? 0 : throughput.path("WriteCapacityUnits").asLong());
        long count = 0;
        long size = 0;
        for (ObjectNode item : tableItems) {
            if (holds(item)) {
                count++;
                size += AttributeValues.sizeOf(item);
            }
        }
        description.put("IndexSizeBytes", size);
        description.put("ItemCount", count);
        description.put("IndexArn", tableArn + "/index/" + name);
        return description;
    }
}
