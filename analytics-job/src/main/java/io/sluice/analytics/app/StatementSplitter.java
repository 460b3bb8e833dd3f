package io.sluice.analytics.app;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements at each {@code ;} that is outside a string literal ({@code '...'} with
 * {@code ''} inside), a quoted identifier ({@code "..."}, {@code `...`}) and a comment ({@code -- ...} to the end of
 * the line, {@code /* ... *}{@code /}). Comments are replaced by blanks (their line breaks kept, so a parser's line
 * within a statement still counts from the statement's first line); SQL hints ({@code /*+ ... *}{@code /}) are kept.
 * Statements that hold nothing but blanks and comments are left out.
 */
public final class StatementSplitter {

    private StatementSplitter() {}

    /** The statements of {@code script}, in order. Fails on a string, identifier or comment that is not closed. */
    public static List<SqlStatement> split(String script) {
        List<SqlStatement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int startLine = -1; // the line of the current statement's first character that is not blank or comment
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (c == ';') {
                add(statements, current, startLine);
                current.setLength(0);
                startLine = -1;
                i++;
            } else if (c == '-' && script.startsWith("--", i)) {
                int end = script.indexOf('\n', i);
                end = end < 0 ? script.length() : end;
                blank(current, script, i, end);
                i = end;
            } else if (c == '/' && script.startsWith("/*", i) && !script.startsWith("/*+", i)) {
                int end = closing(script, i + 2, "*/", "comment", line) + 2;
                line += blank(current, script, i, end);
                i = end;
            } else if (c == '\'' || c == '"' || c == '`' || (c == '/' && script.startsWith("/*+", i))) {
                startLine = startLine < 0 ? line : startLine;
                int end = c == '/' ? closing(script, i + 3, "*/", "hint", line) + 2 : quoted(script, i, line);
                String text = script.substring(i, end);
                current.append(text);
                line += (int) text.chars().filter(ch -> ch == '\n').count();
                i = end;
            } else {
                if (!Character.isWhitespace(c) && startLine < 0) {
                    startLine = line;
                }
                current.append(c);
                line += c == '\n' ? 1 : 0;
                i++;
            }
        }
        add(statements, current, startLine);
        return statements;
    }

    private static void add(List<SqlStatement> statements, StringBuilder text, int startLine) {
        String sql = text.toString().strip();
        if (!sql.isEmpty()) {
            statements.add(new SqlStatement(sql, startLine));
        }
    }

    /** Appends blanks for {@code script[from, to)}, keeping its line breaks; returns how many there were. */
    private static int blank(StringBuilder out, String script, int from, int to) {
        int breaks = 0;
        for (int k = from; k < to; k++) {
            boolean lineBreak = script.charAt(k) == '\n';
            out.append(lineBreak ? '\n' : ' ');
            breaks += lineBreak ? 1 : 0;
        }
        return breaks;
    }

    /** The end (exclusive) of the quoted text that starts at {@code from}: a doubled quote stands for itself. */
    private static int quoted(String script, int from, int line) {
        char quote = script.charAt(from);
        int k = from + 1;
        while (true) {
            int close = script.indexOf(quote, k);
            if (close < 0) {
                throw unclosed(quote == '\'' ? "string literal" : "quoted identifier", line);
            }
            if (close + 1 < script.length() && script.charAt(close + 1) == quote) {
                k = close + 2;
            } else {
                return close + 1;
            }
        }
    }

    private static int closing(String script, int from, String end, String what, int line) {
        int close = script.indexOf(end, from);
        if (close < 0) {
            throw unclosed(what, line);
        }
        return close;
    }

    private static ApplicationException unclosed(String what, int line) {
        return new ApplicationException("line " + line + ": the " + what + " that starts here is not closed");
    }
}
