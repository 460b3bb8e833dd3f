package io.sluice.delivery.partition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;

/**
 * One step of a jq pipeline in the subset {@link JqQuery} runs: a path, a function, or a pipe of them. Each
 * maps one input to exactly one output, as its jq counterpart does on the inputs it accepts, and fails with
 * jq's message where jq fails.
 */
sealed interface JqFilter {

    JsonNode apply(JsonNode input) throws JqException;

    /** {@code a | b | ...}. */
    record Pipe(List<JqFilter> steps) implements JqFilter {
        @Override
        public JsonNode apply(JsonNode input) throws JqException {
            JsonNode value = input;
            for (JqFilter step : steps) {
                value = step.apply(value);
            }
            return value;
        }
    }

    /** {@code .}, {@code .a}, {@code ."a b"}, {@code .["a b"]}, {@code .[0]} and chains of them. */
    record Path(List<Object> segments) implements JqFilter {
        @Override
        public JsonNode apply(JsonNode input) throws JqException {
            JsonNode value = input;
            for (Object segment : segments) {
                value = segment instanceof String ? field(value, (String) segment) : element(value, (Integer) segment);
            }
            return value;
        }

        private static JsonNode field(JsonNode value, String name) throws JqException {
            if (value.isNull()) {
                return NullNode.getInstance();
            }
            if (!value.isObject()) {
                throw new JqException("Cannot index " + JqValues.typeName(value) + " with \"" + name + "\"");
            }
            JsonNode member = value.get(name);
            return member == null ? NullNode.getInstance() : member;
        }

        private static JsonNode element(JsonNode value, int index) throws JqException {
            if (value.isNull()) {
                return NullNode.getInstance();
            }
            if (!value.isArray()) {
                throw new JqException("Cannot index " + JqValues.typeName(value) + " with number");
            }
            int i = index < 0 ? value.size() + index : index;
            JsonNode member = i < 0 ? null : value.get(i);
            return member == null ? NullNode.getInstance() : member;
        }
    }

    /** {@code strftime("fmt")} on epoch seconds, in UTC; {@code todate} is {@code strftime("%Y-%m-%dT%H:%M:%SZ")}. */
    record StrfTime(Strftime format) implements JqFilter {
        @Override
        public JsonNode apply(JsonNode input) throws JqException {
            if (!input.isNumber()) {
                throw new JqException("strftime/1 requires parsed datetime inputs");
            }
            return JsonNodeFactory.instance.textNode(format.format(input.doubleValue()));
        }
    }

    /** {@code tostring}: a string as it is, anything else as its JSON text. */
    record ToString() implements JqFilter {
        @Override
        public JsonNode apply(JsonNode input) {
            return input.isTextual() ? input : JsonNodeFactory.instance.textNode(JqValues.json(input));
        }
    }

    /** {@code tonumber}: a number as it is, a string that is a number as that number. */
    record ToNumber() implements JqFilter {
        @Override
        public JsonNode apply(JsonNode input) throws JqException {
            if (input.isNumber()) {
                return input;
            }
            if (input.isTextual()) {
                try {
                    return JsonNodeFactory.instance.numberNode(Double.parseDouble(input.textValue().strip()));
                } catch (NumberFormatException e) {
                    // fall through to jq's message
                }
            }
            throw new JqException(JqValues.typeName(input) + " (" + JqValues.json(input) + ") cannot be parsed as a number");
        }
    }
}
