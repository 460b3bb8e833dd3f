package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.JsonNode;

/** The primary key of one item (hash value and optional range value), ordered as DynamoDB orders keys. */
record ItemKey(JsonNode hash, JsonNode range) implements Comparable<ItemKey> {

    @Override
    public int compareTo(ItemKey other) {
        int order = compareValues(hash, other.hash);
        return order != 0 ? order : compareValues(range, other.range);
    }

    /** Orders key values of one type; a missing value sorts first. */
    static int compareValues(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        Integer order = AttributeValues.compare(a, b);
        return order != null ? order : AttributeValues.canonical(a).compareTo(AttributeValues.canonical(b));
    }
}
