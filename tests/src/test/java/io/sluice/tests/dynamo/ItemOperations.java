package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The single-item operations GetItem, PutItem, UpdateItem and DeleteItem, and TransactWriteItems built from them. */
final class ItemOperations {

    private static final Set<String> PUT_RETURN_VALUES = Set.of("NONE", "ALL_OLD");
    private static final Set<String> UPDATE_RETURN_VALUES =
            Set.of("NONE", "ALL_OLD", "ALL_NEW", "UPDATED_OLD", "UPDATED_NEW");

    /** One prepared change: the item before and after (null when absent), and the attributes an update touched. */
    private record Write(DynamoTable table, ItemKey key, ObjectNode oldItem, ObjectNode newItem, Set<String> updated) {

        void commit() {
            if (newItem == null) {
                table.delete(key);
            } else if (newItem != oldItem) {
                table.put(newItem);
            }
        }
    }

    private final Tables tables;

    ItemOperations(Tables tables) {
        this.tables = tables;
    }

    ObjectNode getItem(JsonNode request) {
        DynamoTable table = tables.get(Json.requiredText(request, "TableName"));
        ExpressionContext context = new ExpressionContext(request);
        Projection projection = Projection.of(request, context);
        context.checkAllUsed();
        ObjectNode item = table.get(table.keys().keyOfRequest(Json.requiredObject(request, "Key")));
        ObjectNode response = Json.object();
        if (item != null) {
            response.set("Item", Projection.apply(projection, item));
        }
        return response;
    }

    ObjectNode putItem(JsonNode request) {
        Write write = preparePut(request);
        write.commit();
        return returnValues(request, write, PUT_RETURN_VALUES);
    }

    ObjectNode updateItem(JsonNode request) {
        Write write = prepareUpdate(request);
        write.commit();
        return returnValues(request, write, UPDATE_RETURN_VALUES);
    }

    ObjectNode deleteItem(JsonNode request) {
        Write write = prepareDelete(request);
        write.commit();
        return returnValues(request, write, PUT_RETURN_VALUES);
    }

    /** Checks every condition first and writes only when all hold, so the transaction is all or nothing. */
    ObjectNode transactWriteItems(JsonNode request) {
        ArrayNode actions = Json.array(request, "TransactItems");
        if (actions.isEmpty() || actions.size() > 100) {
            throw DynamoException.validation("1 validation error detected: Value at 'transactItems' failed to "
                    + "satisfy constraint: Member must have length between 1 and 100");
        }
        List<Write> writes = new ArrayList<>();
        ArrayNode reasons = Json.array();
        List<String> codes = new ArrayList<>();
        Set<String> touched = new HashSet<>();
        for (JsonNode action : actions) {
            ObjectNode reason = reasons.addObject();
            try {
                Write write = prepareAction(action);
                writes.add(write);
                if (!touched.add(write.table().name() + "\u0000" + write.key())) {
                    throw DynamoException.validation("Transaction request cannot include multiple operations on one "
                            + "item");
                }
                reason.put("Code", "None");
            } catch (DynamoException e) {
                if (!e.errorName().equals("ConditionalCheckFailedException")) {
                    throw e;
                }
                reason.put("Code", "ConditionalCheckFailed");
                reason.put("Message", e.getMessage());
                if (e.details() != null) {
                    reason.setAll(e.details());
                }
            }
            codes.add(reason.get("Code").asText());
        }
        if (writes.size() < actions.size()) {
            ObjectNode details = Json.object();
            details.set("CancellationReasons", reasons);
            throw DynamoException.transactionCanceled("Transaction cancelled, please refer cancellation reasons for "
                    + "specific reasons " + codes, details);
        }
        writes.forEach(Write::commit);
        return Json.object();
    }

    private Write prepareAction(JsonNode action) {
        if (Json.has(action, "Put")) {
            return preparePut(action.get("Put"));
        }
        if (Json.has(action, "Update")) {
            return prepareUpdate(action.get("Update"));
        }
        if (Json.has(action, "Delete")) {
            return prepareDelete(action.get("Delete"));
        }
        if (Json.has(action, "ConditionCheck")) {
            JsonNode check = action.get("ConditionCheck");
            Json.requiredText(check, "ConditionExpression");
            // Checked like a conditional delete, then committed as "no change".
            Write write = prepareDelete(check);
            return new Write(write.table(), write.key(), write.oldItem(), write.oldItem(), Set.of());
        }
        throw DynamoException.validation("TransactItems can only contain one of ConditionCheck, Put, Update or "
                + "Delete");
    }

    private Write preparePut(JsonNode request) {
        DynamoTable table = tables.get(Json.requiredText(request, "TableName"));
        ObjectNode item = Json.requiredObject(request, "Item").deepCopy();
        item.forEach(AttributeValues::validate);
        ExpressionContext context = new ExpressionContext(request);
        Condition condition = condition(request, context);
        context.checkAllUsed();
        table.check(item);
        ItemKey key = table.keys().keyOf(item);
        ObjectNode old = table.get(key);
        check(condition, old, request);
        Set<String> names = new LinkedHashSet<>();
        item.fieldNames().forEachRemaining(names::add);
        return new Write(table, key, old, item, names);
    }

    private Write prepareUpdate(JsonNode request) {
        DynamoTable table = tables.get(Json.requiredText(request, "TableName"));
        ItemKey key = table.keys().keyOfRequest(Json.requiredObject(request, "Key"));
        ExpressionContext context = new ExpressionContext(request);
        Condition condition = condition(request, context);
        ItemUpdate update = update(request, context);
        context.checkAllUsed();
        for (String name : update.attributeNames()) {
            if (table.keys().names().contains(name)) {
                throw DynamoException.validation("One or more parameter values were invalid: Cannot update attribute "
                        + name + ". This attribute is part of the key");
            }
        }
        ObjectNode old = table.get(key);
        check(condition, old, request);
        if (old == null && !update.createsItem()) {
            return new Write(table, key, null, null, update.attributeNames());
        }
        ObjectNode item = old == null ? table.keys().itemOf(key) : old.deepCopy();
        update.apply(item);
        table.check(item);
        return new Write(table, key, old, item, update.attributeNames());
    }

    private Write prepareDelete(JsonNode request) {
        DynamoTable table = tables.get(Json.requiredText(request, "TableName"));
        ItemKey key = table.keys().keyOfRequest(Json.requiredObject(request, "Key"));
        ExpressionContext context = new ExpressionContext(request);
        Condition condition = condition(request, context);
        context.checkAllUsed();
        ObjectNode old = table.get(key);
        check(condition, old, request);
        return new Write(table, key, old, null, Set.of());
    }

    /** The ConditionExpression or legacy Expected of a request, or null when it has neither. */
    private static Condition condition(JsonNode request, ExpressionContext context) {
        boolean expression = Json.has(request, "ConditionExpression");
        boolean legacy = Json.has(request, "Expected");
        if (expression && legacy) {
            throw mixed("Expected", "ConditionExpression");
        }
        if (expression) {
            return ConditionParser.parse(request.get("ConditionExpression").asText(), "ConditionExpression", context);
        }
        if (legacy) {
            return LegacyConditions.expected(Json.object(request, "Expected"),
                    Json.text(request, "ConditionalOperator", null));
        }
        return null;
    }

    private static ItemUpdate update(JsonNode request, ExpressionContext context) {
        boolean expression = Json.has(request, "UpdateExpression");
        boolean legacy = Json.has(request, "AttributeUpdates");
        if (expression && legacy) {
            throw mixed("AttributeUpdates", "UpdateExpression");
        }
        if (expression) {
            return UpdateExpression.parse(request.get("UpdateExpression").asText(), context);
        }
        if (legacy) {
            return new AttributeUpdates(Json.object(request, "AttributeUpdates"));
        }
        return ItemUpdate.NONE;
    }

    /** Throws ConditionalCheckFailedException unless the condition holds for the existing item (or for none). */
    private static void check(Condition condition, ObjectNode old, JsonNode request) {
        if (condition == null || condition.test(old == null ? Json.object() : old)) {
            return;
        }
        boolean returnOld = Json.text(request, "ReturnValuesOnConditionCheckFailure", "NONE").equals("ALL_OLD");
        throw DynamoException.conditionalCheckFailed(returnOld ? old : null);
    }

    private static ObjectNode returnValues(JsonNode request, Write write, Set<String> allowed) {
        String returnValues = Json.text(request, "ReturnValues", "NONE");
        if (!allowed.contains(returnValues)) {
            throw DynamoException.validation("Return values set to invalid value");
        }
        ObjectNode attributes;
        switch (returnValues) {
            case "ALL_OLD" -> attributes = write.oldItem();
            case "ALL_NEW" -> attributes = write.newItem();
            case "UPDATED_OLD" -> attributes = subset(write.oldItem(), write.updated());
            case "UPDATED_NEW" -> attributes = subset(write.newItem(), write.updated());
            default -> attributes = null;
        }
        ObjectNode response = Json.object();
        if (attributes != null && !attributes.isEmpty()) {
            response.set("Attributes", attributes.deepCopy());
        }
        return response;
    }

    private static ObjectNode subset(ObjectNode item, Set<String> names) {
        if (item == null) {
            return null;
        }
        ObjectNode subset = Json.object();
        names.stream().filter(item::has).forEach(name -> subset.set(name, item.get(name)));
        return subset;
    }

    private static DynamoException mixed(String legacy, String expression) {
        return DynamoException.validation("Can not use both expression and non-expression parameters in the same "
                + "request: Non-expression parameters: {" + legacy + "} Expression parameters: {" + expression + "}");
    }
}
