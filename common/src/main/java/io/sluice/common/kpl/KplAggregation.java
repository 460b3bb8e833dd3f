package io.sluice.common.kpl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kinesis Producer Library's aggregation format: magic {@code F3 89 9A C2}, a protobuf
 * {@code AggregatedRecord} (partition key table = 1, explicit hash key table = 2, records = 3, each
 * record: partition key index = 1, explicit hash key index = 2, data = 3, tags = 4), then the MD5 of
 * the protobuf bytes. Sluice stores aggregates unchanged; consumers de-aggregate them here. A record
 * that is not an aggregate, or fails the checksum or the parse, is one user record, as the KCL does.
 */
public final class KplAggregation {

    static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final int DIGEST_LENGTH = 16;

    private KplAggregation() {}

    /** Whether {@code data} starts with the magic and is long enough to hold a checksum. */
    public static boolean looksAggregated(byte[] data) {
        return data.length >= MAGIC.length + DIGEST_LENGTH && Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** The user records in a Kinesis record with the given partition key and explicit hash key (or null). */
    public static List<UserRecord> deaggregate(byte[] data, String partitionKey, String explicitHashKey) {
        if (looksAggregated(data)) {
            int protoEnd = data.length - DIGEST_LENGTH;
            byte[] digest = md5(data, MAGIC.length, protoEnd - MAGIC.length);
            if (Arrays.equals(digest, 0, DIGEST_LENGTH, data, protoEnd, data.length)) {
                try {
                    return parse(data, MAGIC.length, protoEnd);
                } catch (IllegalArgumentException malformed) {
                    // fall through: delivered as it is
                }
            }
        }
        return List.of(new UserRecord(partitionKey, explicitHashKey, data, 0));
    }

    /** Aggregates user records into one Kinesis record's data, as the KPL does (tags are not written). */
    public static byte[] aggregate(List<UserRecord> records) {
        Map<String, Integer> keys = new LinkedHashMap<>();
        Map<String, Integer> hashKeys = new LinkedHashMap<>();
        for (UserRecord r : records) {
            keys.putIfAbsent(r.partitionKey(), keys.size());
            if (r.explicitHashKey() != null) {
                hashKeys.putIfAbsent(r.explicitHashKey(), hashKeys.size());
            }
        }
        ByteArrayOutputStream proto = new ByteArrayOutputStream();
        for (String key : keys.keySet()) {
            writeBytesField(proto, 1, key.getBytes(StandardCharsets.UTF_8));
        }
        for (String hashKey : hashKeys.keySet()) {
            writeBytesField(proto, 2, hashKey.getBytes(StandardCharsets.UTF_8));
        }
        for (UserRecord r : records) {
            ByteArrayOutputStream record = new ByteArrayOutputStream();
            writeVarint(record, 1 << 3);
            writeVarint(record, keys.get(r.partitionKey()));
            if (r.explicitHashKey() != null) {
                writeVarint(record, 2 << 3);
                writeVarint(record, hashKeys.get(r.explicitHashKey()));
            }
            writeBytesField(record, 3, r.data());
            writeBytesField(proto, 3, record.toByteArray());
        }
        byte[] body = proto.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(MAGIC.length + body.length + DIGEST_LENGTH);
        out.writeBytes(MAGIC);
        out.writeBytes(body);
        out.writeBytes(md5(body, 0, body.length));
        return out.toByteArray();
    }

    private static List<UserRecord> parse(byte[] data, int from, int to) {
        List<String> keys = new ArrayList<>();
        List<String> hashKeys = new ArrayList<>();
        List<int[]> records = new ArrayList<>(); // key index, hash key index (-1), data start, data end
        ProtoReader in = new ProtoReader(data, from, to);
        while (in.more()) {
            long tag = in.varint();
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (wireType != 2) {
                in.skip(wireType);
                continue;
            }
            int length = in.length();
            int start = in.position();
            in.advance(length);
            switch (field) {
                case 1 -> keys.add(new String(data, start, length, StandardCharsets.UTF_8));
                case 2 -> hashKeys.add(new String(data, start, length, StandardCharsets.UTF_8));
                case 3 -> records.add(parseRecord(data, start, start + length));
                default -> { } // unknown fields are skipped, as protobuf does
            }
        }
        List<UserRecord> users = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            int[] r = records.get(i);
            if (r[0] < 0 || r[0] >= keys.size() || r[1] >= hashKeys.size() || r[2] < 0) {
                throw new IllegalArgumentException("aggregated record " + i + " refers to a missing table entry or lacks data");
            }
            users.add(new UserRecord(keys.get(r[0]), r[1] < 0 ? null : hashKeys.get(r[1]), Arrays.copyOfRange(data, r[2], r[3]), i));
        }
        return users;
    }

    private static int[] parseRecord(byte[] data, int from, int to) {
        int[] r = {-1, -1, -1, -1};
        ProtoReader in = new ProtoReader(data, from, to);
        while (in.more()) {
            long tag = in.varint();
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (field == 1 && wireType == 0) {
                r[0] = Math.toIntExact(in.varint());
            } else if (field == 2 && wireType == 0) {
                r[1] = Math.toIntExact(in.varint());
            } else if (field == 3 && wireType == 2) {
                int length = in.length();
                r[2] = in.position();
                r[3] = r[2] + length;
                in.advance(length);
            } else {
                in.skip(wireType); // tags (4) and unknown fields
            }
        }
        return r;
    }

    private static void writeBytesField(ByteArrayOutputStream out, int field, byte[] bytes) {
        writeVarint(out, (field << 3) | 2);
        writeVarint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static byte[] md5(byte[] data, int offset, int length) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(data, offset, length);
            return md5.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    /** Reads protobuf wire primitives from a byte range; malformed input throws IllegalArgumentException. */
    private static final class ProtoReader {
        private final byte[] data;
        private final int end;
        private int position;

        ProtoReader(byte[] data, int from, int to) {
            this.data = data;
            this.position = from;
            this.end = to;
        }

        boolean more() {
            return position < end;
        }

        int position() {
            return position;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= end) {
                    throw new IllegalArgumentException("truncated varint");
                }
                byte b = data[position++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint longer than 64 bits");
        }

        int length() {
            long length = varint();
            if (length < 0 || length > end - position) {
                throw new IllegalArgumentException("length " + length + " beyond the record");
            }
            return (int) length;
        }

        void advance(int n) {
            position += n;
        }

        void skip(int wireType) {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> advanceChecked(8);
                case 2 -> advance(length());
                case 5 -> advanceChecked(4);
                default -> throw new IllegalArgumentException("unsupported wire type " + wireType);
            }
        }

        private void advanceChecked(int n) {
            if (n > end - position) {
                throw new IllegalArgumentException("truncated field");
            }
            position += n;
        }
    }
}
