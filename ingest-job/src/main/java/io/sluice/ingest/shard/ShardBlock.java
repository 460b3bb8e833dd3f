package io.sluice.ingest.shard;

import io.sluice.ingest.api.PutEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Consecutive records of one shard stored together as one RocksDB value: the records of one append
 * that fall into one {@link BlockIndex} bucket. All records of a block share the arrival time and the
 * epoch they were written in. Versioned binary layout: version byte {@code 1} · arrival epoch millis (8) ·
 * shard epoch (4) · record count (4) · then per record: partition key length (2) · partition key UTF-8 ·
 * data length (4) · data.
 *
 * <p>One value per append instead of one per record is what makes the shard log cheap: a 500-record
 * PutRecords costs a handful of RocksDB writes, and a GetRecords a handful of reads.
 */
public final class ShardBlock {

    private static final byte VERSION = 1;
    private static final int HEADER = 1 + 8 + 4 + 4;

    private ShardBlock() {}

    /** Encodes {@code entries[from, to)} as one block. */
    public static byte[] encode(long arrivalMillis, int epoch, List<PutEntry> entries, int from, int to) {
        byte[][] keys = new byte[to - from][];
        int size = HEADER;
        for (int i = from; i < to; i++) {
            PutEntry e = entries.get(i);
            keys[i - from] = e.partitionKey().getBytes(StandardCharsets.UTF_8);
            size += 2 + keys[i - from].length + 4 + e.data().length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(VERSION).putLong(arrivalMillis).putInt(epoch).putInt(to - from);
        for (int i = from; i < to; i++) {
            byte[] data = entries.get(i).data();
            out.putShort((short) keys[i - from].length).put(keys[i - from]).putInt(data.length).put(data);
        }
        return out.array();
    }

    /** Arrival time of a block's records, without decoding the rest. */
    public static long arrivalOf(byte[] block) {
        return arrivalOf(block, 0);
    }

    /** Arrival time of the block that starts at {@code offset} of {@code bytes}. */
    public static long arrivalOf(byte[] bytes, int offset) {
        checkVersion(bytes, offset);
        return ByteBuffer.wrap(bytes, offset + 1, 8).getLong();
    }

    /** Number of records in a block. */
    public static int countOf(byte[] block) {
        return countOf(block, 0);
    }

    /** Number of records in the block that starts at {@code offset} of {@code bytes}. */
    public static int countOf(byte[] bytes, int offset) {
        checkVersion(bytes, offset);
        return ByteBuffer.wrap(bytes, offset + 13, 4).getInt();
    }

    private static void checkVersion(byte[] bytes, int offset) {
        if (bytes[offset] != VERSION) {
            throw new IllegalStateException("Unknown shard block version " + bytes[offset] + " (this build reads " + VERSION + ")");
        }
    }

    /**
     * Walks a block's records in order without copying them: {@link #next()} moves to the next record,
     * whose partition key and data are then slices of the block's bytes.
     */
    public static final class Reader {
        private final byte[] block;
        private final long arrivalMillis;
        private final int epoch;
        private final int count;
        private int index = -1;
        private int position;
        private int keyOffset;
        private int keyLength;
        private int dataOffset;
        private int dataLength;

        public Reader(byte[] block) {
            this(block, 0);
        }

        /** A reader of the block that starts at {@code offset} of {@code bytes} (a savepoint's value, say). */
        public Reader(byte[] bytes, int offset) {
            checkVersion(bytes, offset);
            this.block = bytes;
            ByteBuffer in = ByteBuffer.wrap(bytes, offset + 1, HEADER - 1);
            this.arrivalMillis = in.getLong();
            this.epoch = in.getInt();
            this.count = in.getInt();
            this.position = offset + HEADER;
        }

        public long arrivalMillis() {
            return arrivalMillis;
        }

        public int epoch() {
            return epoch;
        }

        /** Moves to the next record; false after the last. */
        public boolean next() {
            if (index + 1 >= count) {
                return false;
            }
            index++;
            keyLength = ((block[position] & 0xFF) << 8) | (block[position + 1] & 0xFF);
            keyOffset = position + 2;
            int at = keyOffset + keyLength;
            dataLength = ByteBuffer.wrap(block, at, 4).getInt();
            dataOffset = at + 4;
            position = dataOffset + dataLength;
            return true;
        }

        public String partitionKey() {
            return new String(block, keyOffset, keyLength, StandardCharsets.UTF_8);
        }

        public byte[] bytes() {
            return block;
        }

        public int dataOffset() {
            return dataOffset;
        }

        public int dataLength() {
            return dataLength;
        }

        public byte[] data() {
            byte[] copy = new byte[dataLength];
            System.arraycopy(block, dataOffset, copy, 0, dataLength);
            return copy;
        }
    }
}
