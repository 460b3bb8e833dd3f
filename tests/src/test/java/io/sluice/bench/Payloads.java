package io.sluice.bench;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Record payloads of the load generator: 8 bytes of send time ({@code System.nanoTime()}, so the
 * consumers in the same process can measure put→get visibility), 8 bytes of this run's id (so records
 * of other runs are ignored), then random filler that does not compress.
 */
final class Payloads {

    private static final int POOL = 1 << 20;

    private final long runId;
    private final int recordBytes;
    private final byte[] filler = new byte[POOL + 65536];

    Payloads(long runId, int recordBytes) {
        this.runId = runId;
        this.recordBytes = recordBytes;
        new SplittableRandom(runId).nextBytes(filler);
    }

    byte[] next(SplittableRandom random, long sentAt) {
        byte[] data = new byte[recordBytes];
        for (int at = 16; at < recordBytes; at += 65536) {
            System.arraycopy(filler, random.nextInt(POOL), data, at, Math.min(65536, recordBytes - at));
        }
        ByteBuffer.wrap(data).putLong(sentAt).putLong(runId);
        return data;
    }

    /** The send time of one of this run's records, or -1 for a record of another run. */
    long sentAt(ByteBuffer data) {
        if (data.remaining() < 16 || data.getLong(data.position() + 8) != runId) {
            return -1;
        }
        return data.getLong(data.position());
    }
}
