package io.sluice.delivery.partition;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * jq's {@code strftime} on epoch seconds: C's {@code strftime} in the C locale over the UTC calendar time
 * ({@code gmtime}) of the seconds, a fraction dropped. Conversions: {@code %a %A %b %B %C %d %D %e %F %g %G %h
 * %H %I %j %k %l %m %M %n %p %r %R %s %S %t %T %u %U %V %w %W %y %Y %z %%}. The rest (locale-dependent ones such
 * as {@code %c %x %X}, {@code %Z}, and the {@code E}/{@code O} modifiers) are refused when the query is parsed,
 * rather than printed in a way that might differ from AWS's.
 */
final class Strftime {

    private static final String SUPPORTED = "aAbBCdDeFgGhHIjklmMnprRsStTuUVwWyYz%";

    private final String pattern;

    private Strftime(String pattern) {
        this.pattern = pattern;
    }

    /** Checks the pattern's conversions. */
    static Strftime compile(String pattern) throws JqException {
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) != '%') {
                continue;
            }
            if (i + 1 == pattern.length()) {
                throw new JqException("strftime format \"" + pattern + "\" ends with a lone %");
            }
            char c = pattern.charAt(++i);
            if (SUPPORTED.indexOf(c) < 0) {
                throw new JqException("strftime conversion %" + c + " is not supported; Sluice supports %" + String.join(" %",
                        SUPPORTED.split("")));
            }
        }
        return new Strftime(pattern);
    }

    String pattern() {
        return pattern;
    }

    /** Formats {@code epochSeconds} (the fraction dropped, towards the past). */
    String format(double epochSeconds) {
        long seconds = (long) Math.floor(epochSeconds);
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%') {
                out.append(c);
            } else {
                append(out, pattern.charAt(++i), t, seconds);
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, char conversion, LocalDateTime t, long seconds) {
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        int yday = t.getDayOfYear() - 1;
        int wday = t.getDayOfWeek().getValue() % 7;
        switch (conversion) {
            case 'a' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US));
            case 'A' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US));
            case 'b', 'h' -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US));
            case 'B' -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.US));
            case 'C' -> out.append(pad(Math.floorDiv(t.getYear(), 100), 2, '0'));
            case 'd' -> out.append(pad(t.getDayOfMonth(), 2, '0'));
            case 'D' -> out.append(pad(t.getMonthValue(), 2, '0')).append('/').append(pad(t.getDayOfMonth(), 2, '0'))
                    .append('/').append(pad(Math.floorMod(t.getYear(), 100), 2, '0'));
            case 'e' -> out.append(pad(t.getDayOfMonth(), 2, ' '));
            case 'F' -> out.append(t.getYear()).append('-').append(pad(t.getMonthValue(), 2, '0')).append('-')
                    .append(pad(t.getDayOfMonth(), 2, '0'));
            case 'g' -> out.append(pad(Math.floorMod(t.get(IsoFields.WEEK_BASED_YEAR), 100), 2, '0'));
            case 'G' -> out.append(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'H' -> out.append(pad(t.getHour(), 2, '0'));
            case 'I' -> out.append(pad(hour12, 2, '0'));
            case 'j' -> out.append(pad(t.getDayOfYear(), 3, '0'));
            case 'k' -> out.append(pad(t.getHour(), 2, ' '));
            case 'l' -> out.append(pad(hour12, 2, ' '));
            case 'm' -> out.append(pad(t.getMonthValue(), 2, '0'));
            case 'M' -> out.append(pad(t.getMinute(), 2, '0'));
            case 'n' -> out.append('\n');
            case 'p' -> out.append(t.getHour() < 12 ? "AM" : "PM");
            case 'r' -> out.append(pad(hour12, 2, '0')).append(':').append(pad(t.getMinute(), 2, '0')).append(':')
                    .append(pad(t.getSecond(), 2, '0')).append(' ').append(t.getHour() < 12 ? "AM" : "PM");
            case 'R' -> out.append(pad(t.getHour(), 2, '0')).append(':').append(pad(t.getMinute(), 2, '0'));
            case 's' -> out.append(seconds);
            case 'S' -> out.append(pad(t.getSecond(), 2, '0'));
            case 't' -> out.append('\t');
            case 'T' -> out.append(pad(t.getHour(), 2, '0')).append(':').append(pad(t.getMinute(), 2, '0')).append(':')
                    .append(pad(t.getSecond(), 2, '0'));
            case 'u' -> out.append(t.getDayOfWeek().getValue());
            case 'U' -> out.append(pad((yday + 7 - wday) / 7, 2, '0'));
            case 'V' -> out.append(pad(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, '0'));
            case 'w' -> out.append(wday);
            case 'W' -> out.append(pad((yday + 7 - (t.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue())) / 7, 2, '0'));
            case 'y' -> out.append(pad(Math.floorMod(t.getYear(), 100), 2, '0'));
            case 'Y' -> out.append(t.getYear());
            case 'z' -> out.append("+0000");
            case '%' -> out.append('%');
            default -> throw new IllegalStateException("unchecked conversion %" + conversion);
        }
    }

    private static String pad(int value, int width, char fill) {
        String s = Integer.toString(value);
        return s.length() >= width ? s : String.valueOf(fill).repeat(width - s.length()) + s;
    }
}
