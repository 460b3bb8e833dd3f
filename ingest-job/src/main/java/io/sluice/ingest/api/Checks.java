package io.sluice.ingest.api;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import java.util.regex.Pattern;

/**
 * The request checks shared by the handlers, with AWS's constraints and wording. Each adds to a
 * {@link Violations} so one answer reports every violation, as AWS does.
 */
public final class Checks {

    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    static final Pattern SEQUENCE_NUMBER = Pattern.compile("0|([1-9]\\d{0,128})");
    static final Pattern HASH_KEY = Pattern.compile("0|([1-9]\\d{0,38})");
    static final Pattern ARN = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+");

    private Checks() {}

    /** A stream name: 1–128 of {@code [a-zA-Z0-9_.-]}. */
    public static void name(Violations v, String value, String path) {
        length(v, value, path, 1, 128);
        pattern(v, value, path, NAME);
    }

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

    /** A required shard id member ({@code member} on the wire, {@code path} in violations): 1–128 of {@code [a-zA-Z0-9_.-]}. */
    public static String shardId(RequestReader r, Violations v, String member, String path) {
        String value = r.string(member);
        if (value == null) {
            v.required(path);
        }
        length(v, value, path, 1, 128);
        pattern(v, value, path, NAME);
        return value;
    }

    /**
     * The stream a request names, by {@code StreamName} or {@code StreamARN} (either is accepted
     * wherever the other is; both must agree).
     *
     * @return the name, or {@code null} after recording a violation
     */
    public static String stream(RequestReader r, Violations v, RequestContext context) {
        String name = r.string("StreamName");
        String arn = r.string("StreamARN");
        if (name == null && arn == null) {
            v.required("streamName");
            return null;
        }
        name(v, name, "streamName");
        String fromArn = null;
        if (arn != null) {
            length(v, arn, "streamARN", 1, 2048);
            pattern(v, arn, "streamARN", ARN);
            fromArn = context.ownStream(arn);
            if (fromArn == null && ARN.matcher(arn).matches()) {
                throw new InvalidArgumentException("StreamARN " + arn + " is not a valid Kinesis stream ARN.");
            }
        }
        if (name != null && fromArn != null && !name.equals(fromArn)) {
            throw new InvalidArgumentException(
                    "StreamName " + name + " and StreamARN " + arn + " name different streams.");
        }
        return name != null ? name : fromArn;
    }
}
