package io.sluice.bench;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code --name=value} arguments of a benchmark program: typed getters with defaults, and a check that
 * no argument was left unread (a misspelt option fails the run instead of being ignored). Every failure is
 * an {@link IllegalArgumentException} whose message ends with the program's usage.
 */
final class BenchOptions {

    private final Map<String, String> values;
    private final String usage;
    private final Set<String> used = new HashSet<>();

    private BenchOptions(Map<String, String> values, String usage) {
        this.values = values;
        this.usage = usage;
    }

    static BenchOptions parse(String[] args, String usage) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException(usage);
            }
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Expected --name=value, got '" + arg + "'\n" + usage);
            }
            int eq = arg.indexOf('=');
            values.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return new BenchOptions(values, usage);
    }

    String text(String name, String fallback) {
        used.add(name);
        return values.getOrDefault(name, fallback);
    }

    Optional<String> optional(String name) {
        used.add(name);
        return Optional.ofNullable(values.get(name));
    }

    int integer(String name, int fallback) {
        String v = text(name, Integer.toString(fallback));
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + v + "'");
        }
    }

    boolean bool(String name, boolean fallback) {
        return choice(name, Boolean.toString(fallback), "true", "false").equals("true");
    }

    String choice(String name, String fallback, String... allowed) {
        String v = text(name, fallback);
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw new IllegalArgumentException("--" + name + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
    }

    void rejectUnknown() {
        for (String name : values.keySet()) {
            if (!used.contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name + "\n" + usage);
            }
        }
    }
}
