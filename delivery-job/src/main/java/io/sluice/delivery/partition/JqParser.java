package io.sluice.delivery.partition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the jq subset of {@link JqQuery}: an object constructor whose values are pipelines of paths and the
 * functions {@code strftime("...")}, {@code todate}, {@code tostring} and {@code tonumber}. Anything else is a
 * {@link JqException} that names what was found where.
 */
final class JqParser {

    private final String text;
    private int pos;

    private JqParser(String text) {
        this.text = text;
    }

    /** The object constructor's entries, by key, in the query's order. */
    static Map<String, JqFilter> parse(String text) throws JqException {
        JqParser p = new JqParser(text);
        Map<String, JqFilter> entries = p.object();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.unexpected("the end of the query");
        }
        return entries;
    }

    private Map<String, JqFilter> object() throws JqException {
        skipSpace();
        expect('{');
        Map<String, JqFilter> entries = new LinkedHashMap<>();
        do {
            skipSpace();
            boolean quoted = peek() == '"';
            String key = quoted ? string() : identifier("a key");
            skipSpace();
            JqFilter value;
            if (peek() == ':') {
                pos++;
                value = pipeline();
            } else if (!quoted) {
                value = new JqFilter.Path(List.of(key));
            } else {
                throw unexpected("':' after the key \"" + key + "\"");
            }
            if (entries.put(key, value) != null) {
                throw new JqException("the key \"" + key + "\" appears twice");
            }
            skipSpace();
        } while (accept(','));
        expect('}');
        return entries;
    }

    private JqFilter pipeline() throws JqException {
        List<JqFilter> steps = new ArrayList<>();
        do {
            skipSpace();
            steps.add(term());
            skipSpace();
        } while (accept('|'));
        return steps.size() == 1 ? steps.get(0) : new JqFilter.Pipe(List.copyOf(steps));
    }

    private JqFilter term() throws JqException {
        if (peek() == '.') {
            return path();
        }
        if (!Character.isLetter(peek())) {
            throw unexpected("a path (.a.b) or a function (strftime, todate, tostring, tonumber)");
        }
        int start = pos;
        String name = identifier("a function");
        switch (name) {
            case "strftime" -> {
                skipSpace();
                expect('(');
                skipSpace();
                if (peek() != '"') {
                    throw unexpected("a string format in strftime(...)");
                }
                Strftime format = Strftime.compile(string());
                skipSpace();
                expect(')');
                return new JqFilter.StrfTime(format);
            }
            case "todate" -> {
                return new JqFilter.StrfTime(Strftime.compile("%Y-%m-%dT%H:%M:%SZ"));
            }
            case "tostring" -> {
                return new JqFilter.ToString();
            }
            case "tonumber" -> {
                return new JqFilter.ToNumber();
            }
            default -> throw new JqException("the function " + name + " at position " + start + " is not supported;"
                    + " Sluice supports strftime, todate, tostring and tonumber");
        }
    }

    /** {@code .} then any of {@code name}, {@code "name"}, {@code [...]}, and further {@code .name} / {@code [...]}. */
    private JqFilter path() throws JqException {
        expect('.');
        List<Object> segments = new ArrayList<>();
        if (peek() == '"') {
            segments.add(string());
        } else if (isIdentifierStart(peek())) {
            segments.add(identifier("a field name"));
        }
        while (true) {
            if (peek() == '[') {
                segments.add(bracket());
            } else if (peek() == '.' ) {
                pos++;
                if (peek() == '"') {
                    segments.add(string());
                } else if (peek() == '[') {
                    segments.add(bracket());
                } else {
                    segments.add(identifier("a field name after '.'"));
                }
            } else {
                return new JqFilter.Path(List.copyOf(segments));
            }
        }
    }

    private Object bracket() throws JqException {
        expect('[');
        skipSpace();
        Object segment;
        if (peek() == '"') {
            segment = string();
        } else if (peek() == '-' || Character.isDigit(peek())) {
            int start = pos;
            pos++;
            while (Character.isDigit(peek())) {
                pos++;
            }
            try {
                segment = Integer.parseInt(text.substring(start, pos));
            } catch (NumberFormatException e) {
                throw new JqException("the index " + text.substring(start, pos) + " at position " + start + " is not an integer");
            }
        } else {
            throw unexpected("a string or an integer index in [...]");
        }
        skipSpace();
        expect(']');
        return segment;
    }

    /** A JSON string literal (jq's string interpolation {@code \(...)} is not supported). */
    private String string() throws JqException {
        int start = pos;
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new JqException("the string at position " + start + " is not closed");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = pos < text.length() ? text.charAt(pos++) : '?';
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> out.append(unicodeEscape());
                default -> throw new JqException("the escape \\" + e + " at position " + (pos - 2) + " is not supported");
            }
        }
    }

    private char unicodeEscape() throws JqException {
        if (pos + 4 > text.length()) {
            throw new JqException("a \\u escape at position " + (pos - 2) + " needs four hex digits");
        }
        try {
            char c = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
            pos += 4;
            return c;
        } catch (NumberFormatException e) {
            throw new JqException("a \\u escape at position " + (pos - 2) + " needs four hex digits");
        }
    }

    private String identifier(String what) throws JqException {
        if (!isIdentifierStart(peek())) {
            throw unexpected(what);
        }
        int start = pos;
        while (pos < text.length() && (isIdentifierStart(text.charAt(pos)) || Character.isDigit(text.charAt(pos)))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private boolean accept(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws JqException {
        if (!accept(c)) {
            throw unexpected("'" + c + "'");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private JqException unexpected(String expected) {
        String found = pos >= text.length() ? "the end of the query" : "'" + text.charAt(pos) + "'";
        return new JqException("expected " + expected + " at position " + pos + ", found " + found);
    }
}
