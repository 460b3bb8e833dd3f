package io.sluice.delivery.catalog.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The field encodings of the catalog's binary state format (version 2), shared by every part's writer and reader.
 *
 * <ul>
 *   <li>count: an unsigned LEB128 varint (7 bits a byte, low bits first, high bit = more follows);
 *   <li>nullable string: count {@code 0} for null, else {@code n + 1} followed by {@code n} UTF-8 bytes;
 *   <li>enum: its constant's name as a nullable string (names are Firehose's wire values, stable where ordinals are not);
 *   <li>nullable part ({@link #writeNullable}): a marker byte {@code 0} (null) or {@code 1}, then the part;
 *   <li>nullable Integer: the marker, then 4 bytes; nullable Boolean: one byte, {@code 0} null, {@code 1} false, {@code 2} true;
 *   <li>list or map: count {@code 0} for null, else {@code n + 1}, then {@code n} elements (a map's as key, value); map
 *       order is kept (a processor's parameters are described in the order given).
 * </ul>
 */
final class StateFields {

    /** Larger counts or lengths than this are corrupt bytes, not state (no catalog field comes near it). */
    private static final int MAX_COUNT = 64 * 1024 * 1024;

    /** Writes one part of a value. */
    interface Writer<T> {
        void write(T value, DataOutputView out) throws IOException;
    }

    /** Reads what the matching {@link Writer} wrote. */
    interface Reader<T> {
        T read(DataInputView in) throws IOException;
    }

    private StateFields() {}

    static void writeCount(int n, DataOutputView out) throws IOException {
        int v = n;
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    static int readCount(DataInputView in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0 || value > MAX_COUNT + 1) {
                    throw new IOException("Corrupt catalog state: count " + Integer.toUnsignedString(value));
                }
                return value;
            }
        }
        throw new IOException("Corrupt catalog state: a count longer than 5 bytes");
    }

    static void writeString(String s, DataOutputView out) throws IOException {
        if (s == null) {
            writeCount(0, out);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeCount(bytes.length + 1, out);
        out.write(bytes);
    }

    static String readString(DataInputView in) throws IOException {
        int n = readCount(in);
        if (n == 0) {
            return null;
        }
        byte[] bytes = new byte[n - 1];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static void writeEnum(Enum<?> value, DataOutputView out) throws IOException {
        writeString(value == null ? null : value.name(), out);
    }

    static <E extends Enum<E>> E readEnum(Class<E> type, DataInputView in) throws IOException {
        String name = readString(in);
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IOException("Catalog state names " + type.getSimpleName() + " " + name + ", which this build does not know", e);
        }
    }

    static void writeNullableInt(Integer value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeInt(value);
        }
    }

    static Integer readNullableInt(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }

    static void writeNullableBoolean(Boolean value, DataOutputView out) throws IOException {
        out.writeByte(value == null ? 0 : value ? 2 : 1);
    }

    static Boolean readNullableBoolean(DataInputView in) throws IOException {
        int b = in.readUnsignedByte();
        if (b > 2) {
            throw new IOException("Corrupt catalog state: Boolean marker " + b);
        }
        return b == 0 ? null : b == 2;
    }

    static <T> void writeNullable(T value, DataOutputView out, Writer<T> writer) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            writer.write(value, out);
        }
    }

    static <T> T readNullable(DataInputView in, Reader<T> reader) throws IOException {
        return in.readBoolean() ? reader.read(in) : null;
    }

    static <T> void writeList(List<T> list, DataOutputView out, Writer<T> writer) throws IOException {
        if (list == null) {
            writeCount(0, out);
            return;
        }
        writeCount(list.size() + 1, out);
        for (T element : list) {
            writer.write(element, out);
        }
    }

    /** Reads a list written by {@link #writeList} (unmodifiable, as the catalog's values are). */
    static <T> List<T> readList(DataInputView in, Reader<T> reader) throws IOException {
        int n = readCount(in);
        if (n == 0) {
            return null;
        }
        List<T> list = new ArrayList<>(Math.min(n - 1, 1024));
        for (int i = 0; i < n - 1; i++) {
            list.add(reader.read(in));
        }
        return Collections.unmodifiableList(list);
    }

    static void writeStrings(List<String> list, DataOutputView out) throws IOException {
        writeList(list, out, StateFields::writeString);
    }

    static List<String> readStrings(DataInputView in) throws IOException {
        return readList(in, StateFields::readString);
    }

    static void writeStringMap(Map<String, String> map, DataOutputView out) throws IOException {
        if (map == null) {
            writeCount(0, out);
            return;
        }
        writeCount(map.size() + 1, out);
        for (Map.Entry<String, String> e : map.entrySet()) {
            writeString(e.getKey(), out);
            writeString(e.getValue(), out);
        }
    }

    /** Reads a map written by {@link #writeStringMap}, in its written order (unmodifiable). */
    static Map<String, String> readStringMap(DataInputView in) throws IOException {
        int n = readCount(in);
        if (n == 0) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < n - 1; i++) {
            map.put(readString(in), readString(in));
        }
        return Collections.unmodifiableMap(map);
    }
}
