package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.tests.dynamo.ExpressionTokenizer.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Parses condition and filter expressions into a {@link Condition} by recursive descent (OR, AND, NOT, primaries). */
final class ConditionParser {

    private final ExpressionReader in;

    private ConditionParser(ExpressionReader in) {
        this.in = in;
    }

    /** Parses {@code expression}; {@code kind} names the request field in error messages. */
    static Condition parse(String expression, String kind, ExpressionContext context) {
        ConditionParser parser = new ConditionParser(new ExpressionReader(expression, kind, context));
        Condition condition = parser.or();
        parser.in.expectEnd();
        return condition;
    }

    private Condition or() {
        Condition left = and();
        while (in.acceptKeyword("OR")) {
            Condition first = left;
            Condition second = and();
            left = item -> first.test(item) || second.test(item);
        }
        return left;
    }

    private Condition and() {
        Condition left = not();
        while (in.acceptKeyword("AND")) {
            Condition first = left;
            Condition second = not();
            left = item -> first.test(item) && second.test(item);
        }
        return left;
    }

    private Condition not() {
        if (in.acceptKeyword("NOT")) {
            Condition negated = not();
            return item -> !negated.test(item);
        }
        return primary();
    }

    private Condition primary() {
        if (in.accept(Type.LPAREN)) {
            Condition inner = or();
            in.expect(Type.RPAREN);
            return inner;
        }
        Condition function = function();
        if (function != null) {
            return function;
        }
        Operand left = operand();
        if (in.acceptKeyword("BETWEEN")) {
            Operand low = operand();
            in.expectKeyword("AND");
            Operand high = operand();
            return item -> {
                JsonNode value = left.evaluate(item);
                return AttributeValues.satisfies(value, ">=", low.evaluate(item))
                        && AttributeValues.satisfies(value, "<=", high.evaluate(item));
            };
        }
        if (in.acceptKeyword("IN")) {
            List<Operand> candidates = new ArrayList<>();
            in.expect(Type.LPAREN);
            do {
                candidates.add(operand());
            } while (in.accept(Type.COMMA));
            in.expect(Type.RPAREN);
            return item -> {
                JsonNode value = left.evaluate(item);
                return candidates.stream().anyMatch(c -> AttributeValues.satisfies(value, "=", c.evaluate(item)));
            };
        }
        String operator = comparator();
        Operand right = operand();
        return item -> AttributeValues.satisfies(left.evaluate(item), operator, right.evaluate(item));
    }

    /** A boolean function call, or null when none starts here. */
    private Condition function() {
        if (in.atFunction("attribute_exists") || in.atFunction("attribute_not_exists")) {
            boolean exists = in.next().text().equals("attribute_exists");
            in.expect(Type.LPAREN);
            DocumentPath path = in.path();
            in.expect(Type.RPAREN);
            return item -> (path.get(item) != null) == exists;
        }
        if (in.atFunction("attribute_type")) {
            in.next();
            in.expect(Type.LPAREN);
            DocumentPath path = in.path();
            in.expect(Type.COMMA);
            JsonNode type = in.value();
            in.expect(Type.RPAREN);
            return item -> {
                JsonNode value = path.get(item);
                return value != null && type.has("S") && AttributeValues.type(value).equals(type.get("S").asText());
            };
        }
        if (in.atFunction("begins_with") || in.atFunction("contains")) {
            boolean beginsWith = in.next().text().equals("begins_with");
            in.expect(Type.LPAREN);
            Operand subject = operand();
            in.expect(Type.COMMA);
            Operand operand = operand();
            in.expect(Type.RPAREN);
            if (beginsWith) {
                return item -> AttributeValues.beginsWith(subject.evaluate(item), operand.evaluate(item));
            }
            return item -> AttributeValues.contains(subject.evaluate(item), operand.evaluate(item));
        }
        return null;
    }

    private Operand operand() {
        if (in.atFunction("size")) {
            in.next();
            in.expect(Type.LPAREN);
            DocumentPath path = in.path();
            in.expect(Type.RPAREN);
            return item -> {
                JsonNode value = path.get(item);
                return value == null ? null : AttributeValues.number(BigDecimal.valueOf(AttributeValues.size(value)));
            };
        }
        if (in.at(Type.VALUE_REF)) {
            JsonNode value = in.value();
            return item -> value;
        }
        DocumentPath path = in.path();
        return path::get;
    }

    private String comparator() {
        switch (in.peek().type()) {
            case EQ:
            case NE:
            case LT:
            case LE:
            case GT:
            case GE:
                return in.next().text();
            default:
                throw in.syntaxError();
        }
    }
}
