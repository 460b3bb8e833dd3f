package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A resolved document path such as a, a.b or a[2].c, read and written against an item. */
final class DocumentPath {

    /** Names (String) of map members and positions (Integer) of list elements; the first is an attribute name. */
    private final List<Object> elements;

    DocumentPath(List<Object> elements) {
        this.elements = List.copyOf(elements);
    }

    static DocumentPath attribute(String name) {
        return new DocumentPath(List.of(name));
    }

    String topName() {
        return (String) elements.get(0);
    }

    /** The value at this path, or null when the item has none there. */
    JsonNode get(ObjectNode item) {
        JsonNode current = item.get(topName());
        for (int i = 1; i < elements.size() && current != null; i++) {
            current = child(current, elements.get(i));
        }
        return current;
    }

    /** Sets the value; the parent of a nested path must already exist (appending past the end of a list). */
    void set(ObjectNode item, JsonNode value) {
        if (elements.size() == 1) {
            item.set(topName(), value);
            return;
        }
        JsonNode parent = parent(item);
        Object last = elements.get(elements.size() - 1);
        if (last instanceof String && parent.get("M") instanceof ObjectNode) {
            ((ObjectNode) parent.get("M")).set((String) last, value);
        } else if (last instanceof Integer && parent.get("L") instanceof ArrayNode) {
            ArrayNode list = (ArrayNode) parent.get("L");
            int index = (Integer) last;
            if (index < list.size()) {
                list.set(index, value);
            } else {
                list.add(value);
            }
        } else {
            throw invalidForUpdate();
        }
    }

    /** Removes the value at this path if there is one. */
    void remove(ObjectNode item) {
        if (elements.size() == 1) {
            item.remove(topName());
            return;
        }
        JsonNode parent = parentOrNull(item);
        Object last = elements.get(elements.size() - 1);
        if (parent == null) {
            return;
        }
        if (last instanceof String && parent.get("M") instanceof ObjectNode) {
            ((ObjectNode) parent.get("M")).remove((String) last);
        } else if (last instanceof Integer && parent.get("L") instanceof ArrayNode) {
            ArrayNode list = (ArrayNode) parent.get("L");
            if ((Integer) last < list.size()) {
                list.remove((Integer) last);
            }
        }
    }

    /** Copies the value at this path from {@code source} into {@code target}, building the enclosing maps and lists. */
    void copy(ObjectNode source, ObjectNode target) {
        JsonNode value = get(source);
        if (value == null) {
            return;
        }
        if (elements.size() == 1) {
            target.set(topName(), value.deepCopy());
            return;
        }
        JsonNode container = target.get(topName());
        if (container == null) {
            container = emptyContainer(elements.get(1));
            target.set(topName(), container);
        }
        for (int i = 1; i < elements.size(); i++) {
            Object element = elements.get(i);
            boolean last = i == elements.size() - 1;
            JsonNode next = last ? value.deepCopy() : null;
            if (element instanceof String && container.get("M") instanceof ObjectNode) {
                ObjectNode members = (ObjectNode) container.get("M");
                if (!last) {
                    next = members.has((String) element) ? members.get((String) element)
                            : emptyContainer(elements.get(i + 1));
                }
                members.set((String) element, next);
            } else if (element instanceof Integer && container.get("L") instanceof ArrayNode) {
                if (!last) {
                    next = emptyContainer(elements.get(i + 1));
                }
                ((ArrayNode) container.get("L")).add(next);
            } else {
                return;
            }
            container = next;
        }
    }

    /** Whether one of the two paths is the other or lies inside it. */
    boolean overlaps(DocumentPath other) {
        int common = Math.min(elements.size(), other.elements.size());
        return elements.subList(0, common).equals(other.elements.subList(0, common));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(topName());
        for (Object element : elements.subList(1, elements.size())) {
            text.append(element instanceof Integer ? "[" + element + "]" : "." + element);
        }
        return text.toString();
    }

    private JsonNode parent(ObjectNode item) {
        JsonNode parent = parentOrNull(item);
        if (parent == null) {
            throw invalidForUpdate();
        }
        return parent;
    }

    private JsonNode parentOrNull(ObjectNode item) {
        JsonNode current = item.get(topName());
        for (int i = 1; i < elements.size() - 1 && current != null; i++) {
            current = child(current, elements.get(i));
        }
        return current;
    }

    private static JsonNode child(JsonNode value, Object element) {
        if (element instanceof String) {
            JsonNode members = value.get("M");
            return members == null ? null : members.get((String) element);
        }
        JsonNode list = value.get("L");
        int index = (Integer) element;
        return list == null || index >= list.size() ? null : list.get(index);
    }

    private static ObjectNode emptyContainer(Object element) {
        ObjectNode container = Json.object();
        if (element instanceof String) {
            container.set("M", Json.object());
        } else {
            container.set("L", Json.array());
        }
        return container;
    }

    private static DynamoException invalidForUpdate() {
        return DynamoException.validation("The document path provided in the update expression is invalid for update");
    }
}
