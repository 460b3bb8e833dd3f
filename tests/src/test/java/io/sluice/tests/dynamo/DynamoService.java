package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** Routes AWS JSON 1.0 operations by name to the table and item operations, one operation at a time. */
final class DynamoService {

    private static final String TARGET_PREFIX = "DynamoDB_20120810.";

    private final Map<String, Function<JsonNode, ObjectNode>> operations = new HashMap<>();
    private final Object lock = new Object();

    DynamoService() {
        Tables tables = new Tables();
        TableOperations tableOperations = new TableOperations(tables);
        ItemOperations itemOperations = new ItemOperations(tables);
        ScanAndQuery reads = new ScanAndQuery(tables);
        operations.put("CreateTable", tableOperations::createTable);
        operations.put("DescribeTable", tableOperations::describeTable);
        operations.put("UpdateTable", tableOperations::updateTable);
        operations.put("DeleteTable", tableOperations::deleteTable);
        operations.put("ListTables", tableOperations::listTables);
        operations.put("UpdateContinuousBackups", tableOperations::updateContinuousBackups);
        operations.put("DescribeContinuousBackups", tableOperations::describeContinuousBackups);
        operations.put("UpdateTimeToLive", tableOperations::updateTimeToLive);
        operations.put("DescribeTimeToLive", tableOperations::describeTimeToLive);
        operations.put("GetItem", itemOperations::getItem);
        operations.put("PutItem", itemOperations::putItem);
        operations.put("UpdateItem", itemOperations::updateItem);
        operations.put("DeleteItem", itemOperations::deleteItem);
        operations.put("TransactWriteItems", itemOperations::transactWriteItems);
        operations.put("Scan", reads::scan);
        operations.put("Query", reads::query);
    }

    /** Runs the operation named by an {@code X-Amz-Target} header on a JSON request body. */
    ObjectNode invoke(String target, byte[] body) {
        Function<JsonNode, ObjectNode> operation = target != null && target.startsWith(TARGET_PREFIX)
                ? operations.get(target.substring(TARGET_PREFIX.length())) : null;
        if (operation == null) {
            throw DynamoException.unknownOperation(target);
        }
        JsonNode request = Json.parse(body);
        synchronized (lock) {
            return operation.apply(request);
        }
    }
}
