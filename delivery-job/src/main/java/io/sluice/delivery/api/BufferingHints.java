package io.sluice.delivery.api;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.wire.MemberChecks;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;

/**
 * When a delivery stream's buffer is delivered: once it holds {@code sizeInMBs} MiB or its oldest
 * record is {@code intervalInSeconds} old, whichever comes first (S3: 1–128 MiB, default 5; 0–900 s,
 * default 300; 0 delivers within seconds; an HTTP endpoint takes 1–64 MiB, with the same defaults).
 */
public record BufferingHints(int sizeInMBs, int intervalInSeconds) {

    public static final BufferingHints S3_DEFAULT = new BufferingHints(5, 300);
    public static final BufferingHints HTTP_DEFAULT = new BufferingHints(5, 300);
    static final int S3_MAX_SIZE_IN_MBS = 128;
    static final int HTTP_MAX_SIZE_IN_MBS = 64;

    public long sizeBytes() {
        return sizeInMBs * 1024L * 1024L;
    }

    public long intervalMillis() {
        return intervalInSeconds * 1000L;
    }

    /** Adds the range violations of the {@code BufferingHints} members given, if any, to {@code v}. */
    static void checkRanges(RequestReader r, String path, Violations v) {
        checkRanges(r, path, v, S3_MAX_SIZE_IN_MBS);
    }

    /** As {@link #checkRanges(RequestReader, String, Violations)}, with the destination's largest {@code SizeInMBs}. */
    static void checkRanges(RequestReader r, String path, Violations v, int maxSizeInMBs) {
        RequestReader hints = r.struct("BufferingHints");
        if (hints != null) {
            MemberChecks.range(v, hints.integer("SizeInMBs"), path + ".bufferingHints.sizeInMBs", 1, maxSizeInMBs);
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
