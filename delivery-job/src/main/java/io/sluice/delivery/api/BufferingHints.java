package io.sluice.delivery.api;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.wire.MemberChecks;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;

/**
 * When a delivery stream's buffer is delivered: once it holds {@code sizeInMBs} MiB or its oldest
 * record is {@code intervalInSeconds} old, whichever comes first (S3: 1–128 MiB, default 5; 0–900 s,
 * default 300; 0 delivers within seconds).
 */
public record BufferingHints(int sizeInMBs, int intervalInSeconds) {

    public static final BufferingHints S3_DEFAULT = new BufferingHints(5, 300);

    public long sizeBytes() {
        return sizeInMBs * 1024L * 1024L;
    }

    public long intervalMillis() {
        return intervalInSeconds * 1000L;
    }

    /** Reads {@code BufferingHints} (absent: {@code defaults}); setting one hint requires the other, as in AWS. */
    static BufferingHints read(RequestReader r, String path, BufferingHints defaults, Violations v) {
        RequestReader hints = r.struct("BufferingHints");
        if (hints == null) {
            return defaults;
        }
        Integer size = hints.integer("SizeInMBs");
        Integer interval = hints.integer("IntervalInSeconds");
        MemberChecks.range(v, size, path + ".bufferingHints.sizeInMBs", 1, 128);
        MemberChecks.range(v, interval, path + ".bufferingHints.intervalInSeconds", 0, 900);
        if ((size == null) != (interval == null)) {
            throw new InvalidArgumentException(
                    "BufferingHints must specify both SizeInMBs and IntervalInSeconds when either is specified.");
        }
        return size == null ? defaults : new BufferingHints(size, interval);
    }
}
