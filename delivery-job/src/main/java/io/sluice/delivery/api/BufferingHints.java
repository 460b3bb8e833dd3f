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

    /** Adds the range violations of the {@code BufferingHints} members given, if any, to {@code v}. */
    static void checkRanges(RequestReader r, String path, Violations v) {
        RequestReader hints = r.struct("BufferingHints");
        if (hints != null) {
            MemberChecks.range(v, hints.integer("SizeInMBs"), path + ".bufferingHints.sizeInMBs", 1, 128);
            MemberChecks.range(v, hints.integer("IntervalInSeconds"), path + ".bufferingHints.intervalInSeconds", 0, 900);
        }
    }

    /**
     * Reads {@code BufferingHints} (absent: {@code defaults}) once {@link #checkRanges} and every other member
     * constraint passed: setting one hint requires the other, as in AWS, and that rule of the service
     * ({@code InvalidArgumentException}) comes after the members' {@code ValidationException}, not instead of it.
     */
    static BufferingHints read(RequestReader r, BufferingHints defaults) {
        RequestReader hints = r.struct("BufferingHints");
        if (hints == null) {
            return defaults;
        }
        Integer size = hints.integer("SizeInMBs");
        Integer interval = hints.integer("IntervalInSeconds");
        if ((size == null) != (interval == null)) {
            throw new InvalidArgumentException(
                    "BufferingHints must specify both SizeInMBs and IntervalInSeconds when either is specified.");
        }
        return size == null ? defaults : new BufferingHints(size, interval);
    }
}
