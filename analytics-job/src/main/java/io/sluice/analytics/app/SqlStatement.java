package io.sluice.analytics.app;

/**
 * One statement of an application, without its terminating {@code ;} and with its comments blanked out (SQL hints,
 * {@code /*+ ... *}{@code /}, are kept), and the line of the file where it starts (1-based), for error messages.
 */
public record SqlStatement(String sql, int line) {

    /** The statement's first word in upper case ({@code INSERT}, {@code CREATE}, {@code SET}, ...), or "" if none. */
    public String keyword() {
        int start = 0;
        while (start < sql.length() && !Character.isLetter(sql.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        return sql.substring(start, end).toUpperCase(java.util.Locale.ROOT);
    }
}
