package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The legacy Expected, KeyConditions, QueryFilter and ScanFilter parameters as {@link Condition}s. */
final class LegacyConditions {

    private LegacyConditions() {}

    /** Expected: per attribute {Exists:false}, {Value}, {Exists:true, Value} or {ComparisonOperator, ...}. */
    static Condition expected(ObjectNode expected, String conditionalOperator) {
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : expected.properties()) {
            String name = entry.getKey();
            JsonNode spec = entry.getValue();
            if (Json.has(spec, "ComparisonOperator")) {
                conditions.add(comparison(name, spec));
                continue;
            }
            JsonNode value = spec.get("Value");
            boolean exists = !Json.has(spec, "Exists") || spec.get("Exists").asBoolean();
            if (!exists && value != null) {
                throw DynamoException.validation("One or more parameter values were invalid: Value cannot be used "
                        + "when Exists is false for Attribute: " + name);
            }
            if (!exists) {
                conditions.add(item -> !item.has(name));
            } else if (value == null) {
                throw DynamoException.validation("One or more parameter values were invalid: Value must be provided "
                        + "when Exists is true for Attribute: " + name);
            } else {
                AttributeValues.validate(value);
                conditions.add(item -> AttributeValues.satisfies(item.get(name), "=", value));
            }
        }
        return combine(conditions, conditionalOperator);
    }

    /** KeyConditions, QueryFilter and ScanFilter: per attribute {ComparisonOperator, AttributeValueList}. */
    static Condition filter(ObjectNode conditions, String conditionalOperator) {
        List<Condition> parts = new ArrayList<>();
        conditions.properties().forEach(entry -> parts.add(comparison(entry.getKey(), entry.getValue())));
        return combine(parts, conditionalOperator);
    }

    private static Condition comparison(String name, JsonNode spec) {
        String operator = Json.requiredText(spec, "ComparisonOperator");
        ArrayNode values = Json.array(spec, "AttributeValueList");
        values.forEach(AttributeValues::validate);
        switch (operator) {
            case "NULL":
                return arity(operator, values, 0, item -> !item.has(name));
            case "NOT_NULL":
                return arity(operator, values, 0, item -> item.has(name));
            case "EQ":
            case "NE":
            case "LT":
            case "LE":
            case "GT":
            case "GE":
                String symbol = Map.of("EQ", "=", "NE", "<>", "LT", "<", "LE", "<=", "GT", ">", "GE", ">=")
                        .get(operator);
                return arity(operator, values, 1,
                        item -> AttributeValues.satisfies(item.get(name), symbol, values.get(0)));
            case "BEGINS_WITH":
                return arity(operator, values, 1, item -> AttributeValues.beginsWith(item.get(name), values.get(0)));
            case "CONTAINS":
                return arity(operator, values, 1, item -> AttributeValues.contains(item.get(name), values.get(0)));
            case "NOT_CONTAINS":
                return arity(operator, values, 1,
                        item -> item.has(name) && !AttributeValues.contains(item.get(name), values.get(0)));
            case "BETWEEN":
                return arity(operator, values, 2, item -> AttributeValues.satisfies(item.get(name), ">=", values.get(0))
                        && AttributeValues.satisfies(item.get(name), "<=", values.get(1)));
            case "IN":
                if (values.isEmpty()) {
                    throw wrongArity(operator);
                }
                return item -> {
                    for (JsonNode value : values) {
                        if (AttributeValues.satisfies(item.get(name), "=", value)) {
                            return true;
                        }
                    }
                    return false;
                };
            default:
                throw DynamoException.validation("Unsupported ComparisonOperator: " + operator);
        }
    }

    private static Condition arity(String operator, ArrayNode values, int expected, Condition condition) {
        if (values.size() != expected) {
            throw wrongArity(operator);
        }
        return condition;
    }

    private static DynamoException wrongArity(String operator) {
        return DynamoException.validation("One or more parameter values were invalid: Invalid number of argument(s) "
                + "for the " + operator + " ComparisonOperator");
    }

    private static Condition combine(List<Condition> conditions, String conditionalOperator) {
        String operator = conditionalOperator == null ? "AND" : conditionalOperator;
        if (!operator.equals("AND") && !operator.equals("OR")) {
            throw DynamoException.validation("Unsupported ConditionalOperator: " + operator);
        }
        if (operator.equals("AND")) {
            return item -> conditions.stream().allMatch(c -> c.test(item));
        }
        return item -> conditions.isEmpty() || conditions.stream().anyMatch(c -> c.test(item));
    }
}
