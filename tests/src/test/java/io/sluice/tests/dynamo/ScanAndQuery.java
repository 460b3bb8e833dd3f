package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Scan and Query over a table or index: key order, paging, parallel scan segments, filters and projections. */
final class ScanAndQuery {

    /** The items a read sees, in order, and the attributes that make up its LastEvaluatedKey. */
    private record Source(List<String> keyNames, Comparator<ObjectNode> order, List<ObjectNode> items) {}

    private final Tables tables;

    ScanAndQuery(Tables tables) {
        this.tables = tables;
    }

    ObjectNode scan(JsonNode request) {
        DynamoTable table = tables.get(Json.requiredText(request, "TableName"));
        ExpressionContext context = new ExpressionContext(request);
        Condition filter = filter(request, context, "ScanFilter");
        Projection projection = Projection.of(request, context);
        context.checkAllUsed();
        Source source = source(table, request);
        List<ObjectNode> candidates = source.items();
        Integer segment = Json.integer(request, "Segment");
        Integer totalSegments = Json.integer(request, "TotalSegments");
        if ((segment == null) != (totalSegments == null)) {
            throw DynamoException.validation("The TotalSegments parameter is required but was not present in the "
                    + "request when Segment parameter is present");
        }
        if (totalSegments != null) {
            if (totalSegments < 1 || totalSegments > 1_000_000 || segment < 0 || segment >= totalSegments) {
                throw DynamoException.validation("The Segment parameter is zero-based and must be less than "
                        + "parameter TotalSegments: Segment: " + segment + " is out of bounds for TotalSegments: "
                        + totalSegments);
            }
            String hashName = table.keys().hashName();
            candidates = candidates.stream()
                    .filter(item -> Math.floorMod(AttributeValues.canonical(item.get(hashName)).hashCode(),
                            totalSegments) == segment)
                    .toList();
        }
        return page(request, source, candidates, true, filter, projection);
    }

    ObjectNode query(JsonNode request) {
        DynamoTable table = tables.get(Json.requiredText(request, "TableName"));
        ExpressionContext context = new ExpressionContext(request);
        KeySchema keys = Json.has(request, "IndexName")
                ? table.index(request.get("IndexName").asText()).keys() : table.keys();
        Condition keyCondition;
        if (Json.has(request, "KeyConditionExpression") && Json.has(request, "KeyConditions")) {
            throw mixed("KeyConditions", "KeyConditionExpression");
        } else if (Json.has(request, "KeyConditionExpression")) {
            keyCondition = KeyConditionExpression.parse(request.get("KeyConditionExpression").asText(), context, keys);
        } else if (Json.has(request, "KeyConditions")) {
            keyCondition = KeyConditionExpression.legacy(Json.object(request, "KeyConditions"), keys);
        } else {
            throw DynamoException.validation("Either the KeyConditions or KeyConditionExpression parameter must be "
                    + "specified in the request.");
        }
        Condition filter = filter(request, context, "QueryFilter");
        Projection projection = Projection.of(request, context);
        context.checkAllUsed();
        Source source = source(table, request);
        List<ObjectNode> candidates = new ArrayList<>(source.items().stream().filter(keyCondition::test).toList());
        boolean forward = request.path("ScanIndexForward").asBoolean(true);
        if (!forward) {
            Collections.reverse(candidates);
        }
        return page(request, source, candidates, forward, filter, projection);
    }

    /** The table's items in key order, or an index's items (projected) in index key order, then table key order. */
    private static Source source(DynamoTable table, JsonNode request) {
        KeySchema tableKeys = table.keys();
        if (!Json.has(request, "IndexName")) {
            return new Source(tableKeys.names(), order(tableKeys.names()), new ArrayList<>(table.items()));
        }
        SecondaryIndex index = table.index(request.get("IndexName").asText());
        if (request.path("ConsistentRead").asBoolean(false)) {
            throw DynamoException.validation("Consistent reads are not supported on global secondary indexes");
        }
        Set<String> keyNames = new LinkedHashSet<>(index.keys().names());
        keyNames.addAll(tableKeys.names());
        List<String> names = List.copyOf(keyNames);
        Comparator<ObjectNode> order = order(names);
        List<ObjectNode> items = table.items().stream()
                .filter(index::holds)
                .map(item -> index.project(item, tableKeys))
                .sorted(order)
                .toList();
        return new Source(names, order, items);
    }

    private static ObjectNode page(JsonNode request, Source source, List<ObjectNode> candidates, boolean forward,
            Condition filter, Projection projection) {
        int start = 0;
        ObjectNode exclusiveStartKey = Json.object(request, "ExclusiveStartKey");
        if (exclusiveStartKey != null) {
            if (!source.keyNames().stream().allMatch(exclusiveStartKey::has)
                    || exclusiveStartKey.size() != source.keyNames().size()) {
                throw DynamoException.validation("The provided starting key is invalid: The provided key element does "
                        + "not match the schema");
            }
            int direction = forward ? 1 : -1;
            while (start < candidates.size()
                    && source.order().compare(candidates.get(start), exclusiveStartKey) * direction <= 0) {
                start++;
            }
        }
        Integer limit = Json.integer(request, "Limit");
        if (limit != null && limit < 1) {
            throw DynamoException.validation("1 validation error detected: Value '" + limit + "' at 'limit' failed "
                    + "to satisfy constraint: Member must have value greater than or equal to 1");
        }
        int end = limit == null ? candidates.size() : Math.min(candidates.size(), start + limit);
        List<ObjectNode> scanned = candidates.subList(start, end);
        boolean countOnly = Json.text(request, "Select", "").equals("COUNT");
        ObjectNode response = Json.object();
        ArrayNode items = Json.array();
        int count = 0;
        for (ObjectNode item : scanned) {
            if (filter.test(item)) {
                count++;
                if (!countOnly) {
                    items.add(Projection.apply(projection, item));
                }
            }
        }
        if (!countOnly) {
            response.set("Items", items);
        }
        response.put("Count", count);
        response.put("ScannedCount", scanned.size());
        if (end < candidates.size() && !scanned.isEmpty()) {
            ObjectNode last = scanned.get(scanned.size() - 1);
            ObjectNode lastKey = response.putObject("LastEvaluatedKey");
            source.keyNames().forEach(name -> lastKey.set(name, last.get(name).deepCopy()));
        }
        return response;
    }

    private static Comparator<ObjectNode> order(List<String> names) {
        return (a, b) -> {
            for (String name : names) {
                int order = ItemKey.compareValues(a.get(name), b.get(name));
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        };
    }

    private static Condition filter(JsonNode request, ExpressionContext context, String legacyField) {
        boolean expression = Json.has(request, "FilterExpression");
        boolean legacy = Json.has(request, legacyField);
        if (expression && legacy) {
            throw mixed(legacyField, "FilterExpression");
        }
        if (expression) {
            return ConditionParser.parse(request.get("FilterExpression").asText(), "FilterExpression", context);
        }
        if (legacy) {
            return LegacyConditions.filter(Json.object(request, legacyField),
                    Json.text(request, "ConditionalOperator", null));
        }
        return item -> true;
    }

    private static DynamoException mixed(String legacy, String expression) {
        return DynamoException.validation("Can not use both expression and non-expression parameters in the same "
                + "request: Non-expression parameters: {" + legacy + "} Expression parameters: {" + expression + "}");
    }
}
