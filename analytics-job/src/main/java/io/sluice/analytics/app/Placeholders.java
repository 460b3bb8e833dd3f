package io.sluice.analytics.app;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values for an application's placeholders: {@code ${NAME}} in a statement is replaced by the value of {@code NAME}
 * (given as {@code NAME=value} to {@code bin/analytics}), {@code ${NAME:-default}} by the value or else the default.
 * A name is a letter or {@code _} followed by letters, digits and {@code _}. Values are inserted as they are: inside a
 * string literal a value must not hold a {@code '}.
 */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Map<String, String> values;

    private Placeholders(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    public static Placeholders of(Map<String, String> values) {
        return new Placeholders(values);
    }

    public static Placeholders none() {
        return new Placeholders(Map.of());
    }

    public Map<String, String> values() {
        return Map.copyOf(values);
    }

    /** The statement with every placeholder filled; fails, naming the line, on one that has neither value nor default. */
    public SqlStatement fill(SqlStatement statement) {
        Matcher m = PLACEHOLDER.matcher(statement.sql());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.containsKey(m.group(1)) ? values.get(m.group(1)) : m.group(2);
            if (value == null) {
                int line = statement.line() + (int) statement.sql().substring(0, m.start()).chars().filter(c -> c == '\n').count();
                throw new ApplicationException("line " + line + ": ${" + m.group(1) + "} has no value; pass " + m.group(1) + "=VALUE");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return new SqlStatement(out.toString(), statement.line());
    }
}
