package io.sluice.tests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reading parsed YAML (snakeyaml-engine, which Flink itself uses for {@code config.yaml}): the documents of a file, a
 * value at a path of mapping keys, and a mapping flattened into dotted keys as the Flink Kubernetes Operator flattens
 * {@code flinkConfiguration}.
 */
final class Yaml {

    private Yaml() {}

    /** The documents of {@code text} ({@code ---} separated), mappings only; duplicate keys are an error. */
    static List<Map<String, Object>> documents(String label, String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Load(LoadSettings.builder().setLabel(label).build()).loadAllFromString(text)) {
            if (document == null) {
                continue;
            }
            if (!(document instanceof Map)) {
                throw new IllegalArgumentException(label + ": a document is not a mapping: " + document);
            }
            documents.add(mapping(document));
        }
        return documents;
    }

    /** The value at {@code path} (mapping keys) under {@code node}, if every step is there. */
    static Optional<Object> at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return Optional.empty();
            }
            current = map.get(key);
        }
        return Optional.ofNullable(current);
    }

    /** The text at {@code path}, if it is there (numbers and booleans as YAML wrote them). */
    static Optional<String> text(Object node, String... path) {
        return at(node, path).filter(v -> !(v instanceof Map) && !(v instanceof List)).map(String::valueOf);
    }

    /** The mapping at {@code path}, or an empty one. */
    static Map<String, Object> mapAt(Object node, String... path) {
        return at(node, path).filter(Map.class::isInstance).map(Yaml::mapping).orElse(Map.of());
    }

    /** The mappings of the list at {@code path}, or none. */
    static List<Map<String, Object>> mapsAt(Object node, String... path) {
        List<Map<String, Object>> maps = new ArrayList<>();
        at(node, path).filter(List.class::isInstance).ifPresent(list -> {
            for (Object item : (List<?>) list) {
                if (item instanceof Map) {
                    maps.add(mapping(item));
                }
            }
        });
        return maps;
    }

    /** The texts of the list at {@code path}, or none. */
    static List<String> textsAt(Object node, String... path) {
        List<String> texts = new ArrayList<>();
        at(node, path).filter(List.class::isInstance).ifPresent(list -> ((List<?>) list).forEach(v -> texts.add(String.valueOf(v))));
        return texts;
    }

    /**
     * {@code map} with nested mappings joined into dotted keys and lists into {@code ;}-separated values, every value as
     * text: what the operator's {@code ConfigObjectNode.asFlatMap()} makes of {@code flinkConfiguration}.
     */
    static Map<String, String> flatten(Map<String, Object> map) {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", map, flat);
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> flat) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
            Object value = e.getValue();
            if (value instanceof Map<?, ?> nested) {
                flatten(key, nested, flat);
            } else if (value instanceof List<?> list) {
                StringJoiner joined = new StringJoiner(";");
                list.forEach(v -> joined.add(String.valueOf(v)));
                flat.put(key, joined.toString());
            } else {
                flat.put(key, String.valueOf(value));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Object node) {
        return (Map<String, Object>) node;
    }
}
