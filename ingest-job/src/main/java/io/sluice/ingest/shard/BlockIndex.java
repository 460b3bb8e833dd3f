package io.sluice.ingest.shard;

import java.nio.ByteBuffer;

/**
 * Where a shard's blocks start. Offsets are grouped in buckets of {@link #BUCKET} consecutive offsets;
 * a block never crosses a bucket boundary, so every bucket's first block starts exactly at the
 * bucket's first offset, and the bucket's entry (one small RocksDB value) lists the start of each of
 * its blocks as a 2-byte offset within the bucket, in ascending order. Finding the block that holds
 * an offset is one index read and a binary search — RocksDB map state cannot seek, so this is the seek.
 */
public final class BlockIndex {

    /** Offsets per bucket; a power of two below 2^16 (entries are 2-byte relative offsets). */
    public static final int BUCKET = 512;

    private BlockIndex() {}

    public static long bucketOf(long offset) {
        return offset / BUCKET;
    }

    public static long bucketStart(long bucket) {
        return bucket * BUCKET;
    }

    /** The end (exclusive) of the bucket holding {@code offset}. */
    public static long bucketEnd(long offset) {
        return (bucketOf(offset) + 1) * BUCKET;
    }

    /** The entry with a block starting at {@code start} added (an entry is kept in ascending order). */
    public static byte[] with(byte[] entry, long start) {
        int relative = (int) (start - bucketStart(bucketOf(start)));
        int n = entry == null ? 0 : entry.length / 2;
        if (n > 0 && relativeAt(entry, n - 1) >= relative) {
            // A rewrite of the same offsets (a new epoch after a restore): keep the starts below it.
            int keep = 0;
            while (keep < n && relativeAt(entry, keep) < relative) {
                keep++;
            }
            n = keep;
        }
        byte[] out = new byte[(n + 1) * 2];
        if (n > 0) {
            System.arraycopy(entry, 0, out, 0, n * 2);
        }
        ByteBuffer.wrap(out, n * 2, 2).putShort((short) relative);
        return out;
    }

    /** The start of the block holding {@code offset}, or -1 when the entry knows none at or below it. */
    public static long blockStart(byte[] entry, long offset) {
        if (entry == null || entry.length == 0) {
            return -1;
        }
        long base = bucketStart(bucketOf(offset));
        int relative = (int) (offset - base);
        int lo = 0;
        int hi = entry.length / 2 - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (relativeAt(entry, mid) <= relative) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? -1 : base + relativeAt(entry, found);
    }

    /** The starts of the blocks an entry of {@code bucket} lists, ascending (none for a null entry). */
    public static long[] blockStarts(byte[] entry, long bucket) {
        int n = entry == null ? 0 : entry.length / 2;
        long[] starts = new long[n];
        for (int i = 0; i < n; i++) {
            starts[i] = bucketStart(bucket) + relativeAt(entry, i);
        }
        return starts;
    }

    private static int relativeAt(byte[] entry, int i) {
        return ((entry[2 * i] & 0xFF) << 8) | (entry[2 * i + 1] & 0xFF);
    }
}
