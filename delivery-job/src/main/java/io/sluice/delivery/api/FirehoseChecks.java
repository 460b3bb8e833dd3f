package io.sluice.delivery.api;

import io.sluice.common.wire.MemberChecks;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import java.util.regex.Pattern;

/** The member checks of the Firehose API, with AWS's constraints (see the Firehose API reference's shapes). */
public final class FirehoseChecks {

    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    static final Pattern ROLE_ARN = Pattern.compile("arn:.*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+");
    static final Pattern BUCKET_ARN = Pattern.compile("arn:.*:s3:::[\\w\\.\\-]{1,255}");
    static final Pattern TAG_KEY = Pattern.compile("^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$");
    static final Pattern TAG_VALUE = Pattern.compile("^[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$");

    private FirehoseChecks() {}

    /** The required {@code DeliveryStreamName}: 1–64 of {@code [a-zA-Z0-9_.-]}. */
    public static String deliveryStreamName(RequestReader r, Violations v) {
        String name = r.string("DeliveryStreamName");
        if (name == null) {
            v.required("deliveryStreamName");
        }
        name(v, name, "deliveryStreamName");
        return name;
    }

    static void name(Violations v, String name, String path) {
        MemberChecks.length(v, name, path, 1, 64);
        MemberChecks.pattern(v, name, path, NAME);
    }
}
