package io.sluice.delivery.api;

import io.sluice.common.model.StreamArn;
import io.sluice.common.wire.MemberChecks;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import java.util.regex.Pattern;

/**
 * The source of a {@code KinesisStreamAsSource} delivery stream ({@code KinesisStreamSourceConfiguration}): the Kinesis
 * data stream it reads and the role it would read it with (kept and described; Sluice checks no IAM). Sluice reads the
 * stream named in the ARN from its own Streams endpoint ({@code sluice.firehose.kinesis.endpoint}).
 */
public record KinesisStreamSource(String kinesisStreamArn, String roleArn) {

    /** AWS's pattern of {@code KinesisStreamARN}. */
    static final Pattern KINESIS_STREAM_ARN = Pattern.compile("arn:.*:kinesis:[a-zA-Z0-9\\-]+:\\d{12}:stream/[a-zA-Z0-9_.-]+");

    /** The name of the stream to read: the ARN's last part. */
    public String streamName() {
        String name = StreamArn.streamName(kinesisStreamArn);
        return name != null ? name : kinesisStreamArn.substring(kinesisStreamArn.lastIndexOf('/') + 1);
    }

    /** Reads and validates {@code KinesisStreamSourceConfiguration} as AWS does (both members required, ARN patterns). */
    static KinesisStreamSource read(RequestReader r, Violations v) {
        String path = "kinesisStreamSourceConfiguration";
        String streamArn = r.string("KinesisStreamARN");
        if (streamArn == null) {
            v.required(path + ".kinesisStreamARN");
        }
        MemberChecks.length(v, streamArn, path + ".kinesisStreamARN", 1, 512);
        MemberChecks.pattern(v, streamArn, path + ".kinesisStreamARN", KINESIS_STREAM_ARN);
        String roleArn = r.string("RoleARN");
        if (roleArn == null) {
            v.required(path + ".roleARN");
        }
        MemberChecks.length(v, roleArn, path + ".roleARN", 1, 512);
        MemberChecks.pattern(v, roleArn, path + ".roleARN", FirehoseChecks.ROLE_ARN);
        return new KinesisStreamSource(streamArn, roleArn);
    }
}
