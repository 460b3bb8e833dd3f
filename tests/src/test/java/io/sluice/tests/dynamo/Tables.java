package io.sluice.tests.dynamo;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/** The tables of one server, by name. */
final class Tables {

    private final NavigableMap<String, DynamoTable> tables = new TreeMap<>();

    /** The named table; a ResourceNotFoundException when there is none. */
    DynamoTable get(String name) {
        DynamoTable table = tables.get(name);
        if (table == null) {
            throw DynamoException.tableNotFound(name);
        }
        return table;
    }

    boolean exists(String name) {
        return tables.containsKey(name);
    }

    void add(DynamoTable table) {
        tables.put(table.name(), table);
    }

    void remove(String name) {
        tables.remove(name);
    }

    /** Table names in order, starting after {@code exclusiveStart} (null for the first). */
    List<String> namesAfter(String exclusiveStart) {
        return new ArrayList<>(exclusiveStart == null ? tables.navigableKeySet()
                : tables.navigableKeySet().tailSet(exclusiveStart, false));
    }
}
