package io.sluice.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;

/**
 * Every configuration key that Flink 2.3 declares: the {@link ConfigOption} constants of the {@code *Options} classes in
 * the {@code flink-*} jars on the test classpath (core, runtime, clients, streaming, RocksDB, the state changelog, table,
 * ...), found by reflection. A key that is only a deprecated fallback of an option is told apart, so that manifests use
 * each option's current name.
 */
final class FlinkConfigOptions {

    private static FlinkConfigOptions loaded;

    private final Map<String, ConfigOption<?>> byKey;
    private final Map<String, ConfigOption<?>> byDeprecatedKey;

    private FlinkConfigOptions(Map<String, ConfigOption<?>> byKey, Map<String, ConfigOption<?>> byDeprecatedKey) {
        this.byKey = byKey;
        this.byDeprecatedKey = byDeprecatedKey;
    }

    static synchronized FlinkConfigOptions load() {
        if (loaded == null) {
            Map<String, ConfigOption<?>> byKey = new HashMap<>();
            Map<String, ConfigOption<?>> byDeprecatedKey = new HashMap<>();
            for (String className : optionClassNames()) {
                for (ConfigOption<?> option : constants(className)) {
                    byKey.putIfAbsent(option.key(), option);
                    for (FallbackKey fallback : option.fallbackKeys()) {
                        byDeprecatedKey.putIfAbsent(fallback.getKey(), option);
                    }
                }
            }
            byDeprecatedKey.keySet().removeAll(byKey.keySet());
            loaded = new FlinkConfigOptions(byKey, byDeprecatedKey);
        }
        return loaded;
    }

    /** The option whose current key is {@code key}. */
    Optional<ConfigOption<?>> option(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** The option that {@code key} is a deprecated (fallback) name of. */
    Optional<ConfigOption<?>> deprecatedName(String key) {
        return Optional.ofNullable(byDeprecatedKey.get(key));
    }

    int size() {
        return byKey.size();
    }

    /** The public static {@link ConfigOption} fields of {@code holder}. */
    static List<ConfigOption<?>> constants(Class<?> holder) {
        return Arrays.stream(holder.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class)
                .<ConfigOption<?>>map(FlinkConfigOptions::value)
                .toList();
    }

    private static List<ConfigOption<?>> constants(String className) {
        try {
            return constants(Class.forName(className, true, FlinkConfigOptions.class.getClassLoader()));
        } catch (Throwable e) {
            // A holder whose dependencies are not on the test classpath (e.g. an optional connector): not Flink 2.3's core.
            return List.of();
        }
    }

    private static ConfigOption<?> value(Field field) {
        try {
            return (ConfigOption<?>) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(field + " is not readable", e);
        }
    }

    /** Classes named {@code org.apache.flink...*Options} in the {@code flink-*} jars that hold Flink's own packages. */
    private static List<String> optionClassNames() {
        try {
            Enumeration<URL> roots = FlinkConfigOptions.class.getClassLoader().getResources("org/apache/flink/");
            Set<String> names = new TreeSet<>();
            for (URL root : Collections.list(roots)) {
                if (!root.getProtocol().equals("jar")) {
                    continue;
                }
                JarURLConnection connection = (JarURLConnection) root.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    String jarName = jar.getName().substring(jar.getName().lastIndexOf('/') + 1);
                    if (!jarName.startsWith("flink-")) {
                        continue;
                    }
                    jar.stream().map(ZipEntry::getName)
                            .filter(n -> n.startsWith("org/apache/flink/") && n.endsWith("Options.class") && !n.contains("$"))
                            .forEach(n -> names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.')));
                }
            }
            return List.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
