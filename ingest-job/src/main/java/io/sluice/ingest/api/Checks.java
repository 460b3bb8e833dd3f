package io.sluice.ingest.api;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.wire.MemberChecks;
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
        MemberChecks.length(v, value, path, min, max);
    }

    public static void pattern(Violations v, String value, String path, Pattern pattern) {
        MemberChecks.pattern(v, value, path, pattern);
    }

    public static void range(Violations v, Integer value, String path, int min, int max) {
        MemberChecks.range(v, value, path, min, max);
    }

    public static <E extends Enum<E>> E enumValue(Violations v, String value, String path, Class<E> type) {
        return MemberChecks.enumValue(v, value, path, type);
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
