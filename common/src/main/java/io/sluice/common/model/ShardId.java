package io.sluice.common.model;

/** Shard ids as Kinesis writes them: {@code shardId-} and a 12-digit zero-padded index. */
public final class ShardId {

    private static final String PREFIX = "shardId-";

    private ShardId() {}

    public static String format(int index) {
        char[] text = new char[PREFIX.length() + 12];
        PREFIX.getChars(0, PREFIX.length(), text, 0);
        Decimal.pad(text, PREFIX.length(), 12, index);
        return new String(text);
    }

    /**
     * Reads the index back from a shard id. Kinesis also accepts the bare number or a shorter
     * zero-padded form, so does Sluice.
     *
     * @return the index, or -1 when the text is not a shard id
     */
    public static int parse(String shardId) {
        if (shardId == null) {
            return -1;
        }
        String digits = shardId.startsWith(PREFIX) ? shardId.substring(PREFIX.length()) : shardId;
        if (digits.isEmpty() || digits.length() > 12) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }
}
