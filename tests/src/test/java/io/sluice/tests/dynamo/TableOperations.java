package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The control-plane operations: tables, their indexes, continuous backups and time to live. */
final class TableOperations {

    private final Tables tables;

    TableOperations(Tables tables) {
        this.tables = tables;
    }

    ObjectNode createTable(JsonNode request) {
        String name = Json.requiredText(request, "TableName");
        if (tables.exists(name)) {
            throw DynamoException.resourceInUse("Table already exists: " + name);
        }
        DynamoTable table = DynamoTable.create(request);
        tables.add(table);
        return wrap("TableDescription", table.describe("ACTIVE"));
    }

    ObjectNode describeTable(JsonNode request) {
        return wrap("Table", tables.get(Json.requiredText(request, "TableName")).describe("ACTIVE"));
    }

    /** Applies index creations at once: a new index is ACTIVE in the answer already. */
    ObjectNode updateTable(JsonNode request) {
        DynamoTable table = tables.get(Json.requiredText(request, "TableName"));
        table.update(request);
        return wrap("TableDescription", table.describe("ACTIVE"));
    }

    ObjectNode deleteTable(JsonNode request) {
        DynamoTable table = tables.get(Json.requiredText(request, "TableName"));
        if (table.deletionProtection()) {
            throw DynamoException.validation("Resource cannot be deleted as it is currently protected against "
                    + "deletion. Disable deletion protection first.");
        }
        tables.remove(table.name());
        return wrap("TableDescription", table.describe("DELETING"));
    }

    ObjectNode listTables(JsonNode request) {
        Integer limit = Json.integer(request, "Limit");
        if (limit != null && (limit < 1 || limit > 100)) {
            throw DynamoException.validation("1 validation error detected: Value '" + limit + "' at 'limit' failed "
                    + "to satisfy constraint: Member must have value between 1 and 100");
        }
        List<String> names = tables.namesAfter(Json.text(request, "ExclusiveStartTableName", null));
        int count = limit == null ? Math.min(names.size(), 100) : Math.min(names.size(), limit);
        ObjectNode response = Json.object();
        ArrayNode listed = response.putArray("TableNames");
        names.subList(0, count).forEach(listed::add);
        if (count < names.size()) {
            response.put("LastEvaluatedTableName", names.get(count - 1));
        }
        return response;
    }

    ObjectNode updateContinuousBackups(JsonNode request) {
        DynamoTable table = backupTable(request);
        ObjectNode specification = Json.requiredObject(request, "PointInTimeRecoverySpecification");
        table.pointInTimeRecovery(specification.path("PointInTimeRecoveryEnabled").asBoolean(false));
        return continuousBackups(table);
    }

    ObjectNode describeContinuousBackups(JsonNode request) {
        return continuousBackups(backupTable(request));
    }

    /** Records the TTL setting; items are never expired. */
    ObjectNode updateTimeToLive(JsonNode request) {
        DynamoTable table = tables.get(Json.requiredText(request, "TableName"));
        ObjectNode specification = Json.requiredObject(request, "TimeToLiveSpecification");
        boolean enabled = specification.path("Enabled").asBoolean(false);
        table.timeToLiveAttribute(enabled ? Json.requiredText(specification, "AttributeName") : null);
        return wrap("TimeToLiveSpecification", specification.deepCopy());
    }

    ObjectNode describeTimeToLive(JsonNode request) {
        DynamoTable table = tables.get(Json.requiredText(request, "TableName"));
        ObjectNode description = Json.object();
        if (table.timeToLiveAttribute() == null) {
            description.put("TimeToLiveStatus", "DISABLED");
        } else {
            description.put("TimeToLiveStatus", "ENABLED");
            description.put("AttributeName", table.timeToLiveAttribute());
        }
        return wrap("TimeToLiveDescription", description);
    }

    private DynamoTable backupTable(JsonNode request) {
        String name = Json.requiredText(request, "TableName");
        if (!tables.exists(name)) {
            throw DynamoException.backupTableNotFound(name);
        }
        return tables.get(name);
    }

    private static ObjectNode continuousBackups(DynamoTable table) {
        ObjectNode description = Json.object();
        description.put("ContinuousBackupsStatus", "ENABLED");
        description.putObject("PointInTimeRecoveryDescription")
                .put("PointInTimeRecoveryStatus", table.pointInTimeRecovery() ? "ENABLED" : "DISABLED");
        return wrap("ContinuousBackupsDescription", description);
    }

    private static ObjectNode wrap(String field, ObjectNode value) {
        ObjectNode response = Json.object();
        response.set(field, value);
        return response;
    }
}
