package io.sluice.ingest.shard;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A record as the shard log keeps it (the value in RocksDB, keyed by offset), in a versioned binary
 * layout: version byte {@code 1} · arrival epoch millis (8) · shard epoch it was written in (4) ·
 * partition key length (2) · partition key UTF-8 · data.
 */
public record StoredRecord(long arrivalMillis, int epoch, String partitionKey, byte[] data) {

    private static final byte VERSION = 1;

    public byte[] encode() {
        byte[] key = partitionKey.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 8 + 4 + 2 + key.length + data.length)
                .put(VERSION)
                .putLong(arrivalMillis)
                .putInt(epoch)
                .putShort((short) key.length)
                .put(key)
                .put(data)
                .array();
    }

    public static StoredRecord decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte version = in.get();
        if (version != VERSION) {
            throw new IllegalStateException("Unknown stored record version " + version + " (this build reads " + VERSION + ")");
        }
        long arrival = in.getLong();
        int epoch = in.getInt();
        byte[] key = new byte[in.getShort() & 0xFFFF];
        in.get(key);
        byte[] data = new byte[in.remaining()];
        in.get(data);
        return new StoredRecord(arrival, epoch, new String(key, StandardCharsets.UTF_8), data);
    }

    /** Arrival time without decoding the rest (binary search by time). */
    public static long arrivalOf(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 1, 8).getLong();
    }
}
