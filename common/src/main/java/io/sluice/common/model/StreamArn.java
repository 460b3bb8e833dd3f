package io.sluice.common.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds and reads stream ARNs: {@code arn:aws:kinesis:<region>:<account>:stream/<name>}. */
public final class StreamArn {

    private static final Pattern ARN =
            Pattern.compile("arn:aws[a-z-]*:kinesis:([a-z0-9-]+):(\\d{12}):stream/([a-zA-Z0-9_.-]{1,128})");

    private StreamArn() {}

    public static String of(String region, String accountId, String streamName) {
        return "arn:aws:kinesis:" + region + ":" + accountId + ":stream/" + streamName;
    }

    /** The stream name inside an ARN, or {@code null} when the text is not a stream ARN. */
    public static String streamName(String arn) {
        if (arn == null) {
            return null;
        }
        Matcher m = ARN.matcher(arn);
        return m.matches() ? m.group(3) : null;
    }
}
