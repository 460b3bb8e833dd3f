package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.tests.dynamo.ExpressionTokenizer.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** An UpdateExpression (SET, REMOVE, ADD and DELETE clauses) parsed once and applied to an item. */
final class UpdateExpression implements ItemUpdate {

    private static final String KIND = "UpdateExpression";

    /** One action of a clause; {@code operand} is the right-hand side (SET) or the :value (ADD, DELETE). */
    private record Action(String clause, DocumentPath path, Operand operand) {}

    private final List<Action> actions = new ArrayList<>();

    private UpdateExpression() {}

    static UpdateExpression parse(String expression, ExpressionContext context) {
        ExpressionReader in = new ExpressionReader(expression, KIND, context);
        UpdateExpression update = new UpdateExpression();
        Set<String> clauses = new HashSet<>();
        while (!in.atEnd()) {
            String clause = in.peek().text().toUpperCase();
            if (!Set.of("SET", "REMOVE", "ADD", "DELETE").contains(clause) || !in.atKeyword(clause)) {
                throw in.syntaxError();
            }
            in.next();
            if (!clauses.add(clause)) {
                throw in.invalid("The \"" + clause + "\" section can only be used once in an update expression;");
            }
            do {
                DocumentPath path = in.path();
                Operand operand = null;
                if (clause.equals("SET")) {
                    in.expect(Type.EQ);
                    operand = setValue(in);
                } else if (!clause.equals("REMOVE")) {
                    JsonNode value = in.value();
                    operand = item -> value;
                }
                update.actions.add(new Action(clause, path, operand));
            } while (in.accept(Type.COMMA));
        }
        update.checkNoOverlap(in);
        return update;
    }

    @Override
    public Set<String> attributeNames() {
        Set<String> names = new LinkedHashSet<>();
        actions.forEach(action -> names.add(action.path().topName()));
        return names;
    }

    @Override
    public boolean createsItem() {
        return true;
    }

    /** Evaluates every right-hand side against the item as it was, then writes the results. */
    @Override
    public void apply(ObjectNode item) {
        ObjectNode before = item.deepCopy();
        List<Runnable> writes = new ArrayList<>();
        for (Action action : actions) {
            DocumentPath path = action.path();
            switch (action.clause()) {
                case "SET" -> {
                    JsonNode value = present(action.operand().evaluate(before));
                    writes.add(() -> path.set(item, value.deepCopy()));
                }
                case "ADD" -> {
                    JsonNode value = AttributeValues.add(path.get(before), action.operand().evaluate(before));
                    writes.add(() -> path.set(item, value));
                }
                case "DELETE" -> {
                    JsonNode existing = path.get(before);
                    if (existing != null) {
                        JsonNode value = AttributeValues.removeElements(existing, action.operand().evaluate(before));
                        writes.add(() -> {
                            if (value == null) {
                                path.remove(item);
                            } else {
                                path.set(item, value);
                            }
                        });
                    }
                }
                default -> writes.add(() -> path.remove(item));
            }
        }
        writes.forEach(Runnable::run);
    }

    /** setValue := operand [ (+|-) operand ]. */
    private static Operand setValue(ExpressionReader in) {
        Operand left = setOperand(in);
        if (in.at(Type.PLUS) || in.at(Type.MINUS)) {
            boolean plus = in.next().type() == Type.PLUS;
            Operand right = setOperand(in);
            return item -> {
                JsonNode a = present(left.evaluate(item));
                JsonNode b = present(right.evaluate(item));
                if (!AttributeValues.type(a).equals("N") || !AttributeValues.type(b).equals("N")) {
                    throw DynamoException.validation("An operand in the update expression has an incorrect data type");
                }
                return AttributeValues.number(plus ? AttributeValues.number(a).add(AttributeValues.number(b))
                        : AttributeValues.number(a).subtract(AttributeValues.number(b)));
            };
        }
        return left;
    }

    /** operand := if_not_exists(path, operand) | list_append(operand, operand) | :value | path. */
    private static Operand setOperand(ExpressionReader in) {
        if (in.atFunction("if_not_exists")) {
            in.next();
            in.expect(Type.LPAREN);
            DocumentPath path = in.path();
            in.expect(Type.COMMA);
            Operand fallback = setOperand(in);
            in.expect(Type.RPAREN);
            return item -> {
                JsonNode value = path.get(item);
                return value != null ? value : fallback.evaluate(item);
            };
        }
        if (in.atFunction("list_append")) {
            in.next();
            in.expect(Type.LPAREN);
            Operand first = setOperand(in);
            in.expect(Type.COMMA);
            Operand second = setOperand(in);
            in.expect(Type.RPAREN);
            return item -> {
                JsonNode a = present(first.evaluate(item));
                JsonNode b = present(second.evaluate(item));
                if (!a.has("L") || !b.has("L")) {
                    throw DynamoException.validation("Invalid UpdateExpression: Incorrect operand type for operator "
                            + "or function; operator or function: list_append");
                }
                ArrayNode joined = Json.array();
                joined.addAll((ArrayNode) a.get("L"));
                joined.addAll((ArrayNode) b.get("L"));
                ObjectNode list = Json.object();
                list.set("L", joined);
                return list;
            };
        }
        if (in.at(Type.VALUE_REF)) {
            JsonNode value = in.value();
            return item -> value;
        }
        DocumentPath path = in.path();
        return path::get;
    }

    private static JsonNode present(JsonNode value) {
        if (value == null) {
            throw DynamoException.validation(
                    "The provided expression refers to an attribute that does not exist in the item");
        }
        return value;
    }

    private void checkNoOverlap(ExpressionReader in) {
        for (int i = 0; i < actions.size(); i++) {
            for (int j = i + 1; j < actions.size(); j++) {
                if (actions.get(i).path().overlaps(actions.get(j).path())) {
                    throw in.invalid("Two document paths overlap with each other; must remove or rewrite one of "
                            + "these paths; path one: [" + actions.get(i).path() + "], path two: ["
                            + actions.get(j).path() + "]");
                }
            }
        }
    }
}
