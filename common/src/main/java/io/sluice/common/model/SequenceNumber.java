package io.sluice.common.model;

/**
 * Sluice's sequence numbers: fixed-width decimal strings that encode the stream, the shard and the
 * record's dense offset in that shard, so that a sequence number resolves to a record without a
 * search.
 *
 * <p>Layout (51 digits): {@code 4} (format version) · 12 digits stream tag · 12 digits shard index ·
 * 6 digits shard epoch · 20 digits offset. The epoch grows whenever a new incarnation of the shard log
 * (after a failover or restart) first writes to the shard, so an offset that a lost write had used is
 * never given the same number again. All parts have a fixed width, so within one shard the numeric
 * order and the string order agree, and numbers strictly increase.
 */
public final class SequenceNumber {

    /** Number of digits in a Sluice sequence number. */
    public static final int LENGTH = 51;

    /** Largest shard epoch a sequence number can carry. */
    public static final int MAX_EPOCH = 999_999;

    private static final long TAG_MODULUS = 1_000_000_000_000L;

    private final long streamTag;
    private final int shardIndex;
    private final int epoch;
    private final long offset;

    private SequenceNumber(long streamTag, int shardIndex, int epoch, long offset) {
        this.streamTag = streamTag;
        this.shardIndex = shardIndex;
        this.epoch = epoch;
        this.offset = offset;
    }

    /** A stable 12-digit tag for one incarnation (name + generation) of a stream. */
    public static long streamTag(String streamName, long generation) {
        long h = 1125899906842597L;
        for (int i = 0; i < streamName.length(); i++) {
            h = 31 * h + streamName.charAt(i);
        }
        h = 31 * h + generation;
        return Math.floorMod(h ^ (h >>> 29), TAG_MODULUS);
    }

    public static String format(long streamTag, int shardIndex, int epoch, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        char[] digits = new char[LENGTH];
        digits[0] = '4';
        Decimal.pad(digits, 1, 12, streamTag);
        Decimal.pad(digits, 13, 12, shardIndex);
        Decimal.pad(digits, 25, 6, epoch);
        Decimal.pad(digits, 31, 20, offset);
        return new String(digits);
    }

    /** Parses a sequence number, or returns {@code null} if it is not one of Sluice's. */
    public static SequenceNumber parse(String text) {
        if (text == null || text.length() != LENGTH || text.charAt(0) != '4') {
            return null;
        }
        for (int i = 1; i < LENGTH; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        long tag = Long.parseLong(text.substring(1, 13));
        long shard = Long.parseLong(text.substring(13, 25));
        int epoch = Integer.parseInt(text.substring(25, 31));
        String offsetDigits = text.substring(31);
        if (shard > Integer.MAX_VALUE || offsetDigits.compareTo("09223372036854775807") > 0) {
            return null;
        }
        return new SequenceNumber(tag, (int) shard, epoch, Long.parseLong(offsetDigits));
    }

    public long streamTag() {
        return streamTag;
    }

    public int shardIndex() {
        return shardIndex;
    }

    public int epoch() {
        return epoch;
    }

    public long offset() {
        return offset;
    }
}
