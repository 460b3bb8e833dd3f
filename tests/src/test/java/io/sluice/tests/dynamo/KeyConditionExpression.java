package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.tests.dynamo.ExpressionTokenizer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Query's key condition: equality on the hash key and at most one condition on the range key. */
final class KeyConditionExpression {

    private static final String KIND = "KeyConditionExpression";

    /** One term of the conjunction, on one key attribute. */
    private record Term(String attribute, String operator, Condition condition) {}

    private KeyConditionExpression() {}

    /** Parses a KeyConditionExpression against the key schema of the table or index queried. */
    static Condition parse(String expression, ExpressionContext context, KeySchema keys) {
        ExpressionReader in = new ExpressionReader(expression, KIND, context);
        List<Term> terms = new ArrayList<>();
        conjunction(in, terms);
        in.expectEnd();
        return validated(terms, keys);
    }

    /** Legacy KeyConditions: per key attribute {ComparisonOperator, AttributeValueList}. */
    static Condition legacy(ObjectNode keyConditions, KeySchema keys) {
        List<Term> terms = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : keyConditions.properties()) {
            ObjectNode single = Json.object();
            single.set(entry.getKey(), entry.getValue());
            String operator = Json.requiredText(entry.getValue(), "ComparisonOperator");
            terms.add(new Term(entry.getKey(), operator.equals("EQ") ? "=" : operator,
                    LegacyConditions.filter(single, null)));
        }
        return validated(terms, keys);
    }

    private static void conjunction(ExpressionReader in, List<Term> terms) {
        do {
            if (in.accept(Type.LPAREN)) {
                conjunction(in, terms);
                in.expect(Type.RPAREN);
            } else {
                terms.add(term(in));
            }
        } while (in.acceptKeyword("AND"));
    }

    private static Term term(ExpressionReader in) {
        if (in.atFunction("begins_with")) {
            in.next();
            in.expect(Type.LPAREN);
            DocumentPath path = in.path();
            in.expect(Type.COMMA);
            JsonNode prefix = in.value();
            in.expect(Type.RPAREN);
            return new Term(path.toString(), "begins_with", item -> AttributeValues.beginsWith(path.get(item), prefix));
        }
        DocumentPath path = in.path();
        if (in.acceptKeyword("BETWEEN")) {
            JsonNode low = in.value();
            in.expectKeyword("AND");
            JsonNode high = in.value();
            return new Term(path.toString(), "BETWEEN", item -> AttributeValues.satisfies(path.get(item), ">=", low)
                    && AttributeValues.satisfies(path.get(item), "<=", high));
        }
        String operator = in.next().text();
        if (!List.of("=", "<", "<=", ">", ">=").contains(operator)) {
            throw in.invalid("Unsupported operator in KeyConditionExpression: " + operator);
        }
        JsonNode value = in.value();
        return new Term(path.toString(), operator, item -> AttributeValues.satisfies(path.get(item), operator, value));
    }

    private static Condition validated(List<Term> terms, KeySchema keys) {
        Term hash = null;
        Term range = null;
        for (Term term : terms) {
            if (term.attribute().equals(keys.hashName()) && hash == null) {
                hash = term;
            } else if (term.attribute().equals(keys.rangeName()) && range == null) {
                range = term;
            } else {
                throw DynamoException.validation("Query key condition not supported");
            }
        }
        if (hash == null) {
            throw DynamoException.validation("Query condition missed key schema element: " + keys.hashName());
        }
        if (!hash.operator().equals("=")) {
            throw DynamoException.validation("Query key condition not supported");
        }
        Condition onHash = hash.condition();
        Condition onRange = range == null ? item -> true : range.condition();
        return item -> onHash.test(item) && onRange.test(item);
    }
}
