package io.sluice.common.wire;

import java.util.regex.Pattern;

/**
 * The member constraints of the AWS JSON APIs (length, pattern, range, enum), with AWS's wording;
 * each adds to a {@link Violations}, so one answer reports every violation, as AWS does. Both services'
 * request readers build their checks from these.
 */
public final class MemberChecks {

    private MemberChecks() {}

    /** Length in Unicode code points from {@code min} to {@code max}; {@code null} passes (see {@link Violations#required}). */
    public static void length(Violations v, String value, String path, int min, int max) {
        if (value == null) {
            return;
        }
        int n = value.codePointCount(0, value.length());
        if (n < min) {
            v.add(value, path, "Member must have length greater than or equal to " + min);
        } else if (n > max) {
            v.add(value, path, "Member must have length less than or equal to " + max);
        }
    }

    public static void pattern(Violations v, String value, String path, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            v.add(value, path, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
    }

    public static void range(Violations v, Integer value, String path, int min, int max) {
        if (value == null) {
            return;
        }
        if (value < min) {
            v.add(value, path, "Member must have value greater than or equal to " + min);
        } else if (value > max) {
            v.add(value, path, "Member must have value less than or equal to " + max);
        }
    }

    /** The enum constant named {@code value}, or {@code null} (and a violation listing the allowed set). */
    public static <E extends Enum<E>> E enumValue(Violations v, String value, String path, Class<E> type) {
        if (value == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        StringBuilder set = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            set.append(set.length() == 0 ? "" : ", ").append(e.name());
        }
        v.add(value, path, "Member must satisfy enum value set: [" + set + "]");
        return null;
    }
}
