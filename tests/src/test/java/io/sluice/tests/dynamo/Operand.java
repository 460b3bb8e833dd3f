package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A parsed operand (path, :value or function) evaluated against an item; null stands for a missing attribute. */
@FunctionalInterface
interface Operand {

    JsonNode evaluate(ObjectNode item);
}
