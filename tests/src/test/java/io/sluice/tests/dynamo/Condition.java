package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A parsed condition, filter or key condition, tested against an item (an empty item when there is none). */
@FunctionalInterface
interface Condition {

    boolean test(ObjectNode item);
}
