package io.sluice.delivery.partition;

import io.sluice.common.serialization.BinarySerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link PartitionKeys} in state and on the wire. Version 1 (the {@link Snapshot}'s): the query keys, then the
 * Lambda keys, each as a count (int) followed by that many (key, value) pairs in key order, every string as its
 * UTF-8 length (int) and bytes. {@link PartitionKeys#NONE} is eight zero bytes.
 */
public final class PartitionKeysSerializer extends BinarySerializer<PartitionKeys> {

    private static final long serialVersionUID = 1L;

    @Override
    public void serialize(PartitionKeys keys, DataOutputView out) throws IOException {
        writeMap(keys.fromQuery(), out);
        writeMap(keys.fromLambda(), out);
    }

    @Override
    public PartitionKeys deserialize(DataInputView in) throws IOException {
        SortedMap<String, String> fromQuery = readMap(in);
        return new PartitionKeys(fromQuery, readMap(in));
    }

    @Override
    public TypeSerializerSnapshot<PartitionKeys> snapshotConfiguration() {
        return new Snapshot();
    }

    private static void writeMap(SortedMap<String, String> keys, DataOutputView out) throws IOException {
        out.writeInt(keys.size());
        for (var e : keys.entrySet()) {
            writeString(e.getKey(), out);
            writeString(e.getValue(), out);
        }
    }

    private static SortedMap<String, String> readMap(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("Negative partition key count " + n);
        }
        SortedMap<String, String> keys = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            keys.put(readString(in), readString(in));
        }
        return keys;
    }

    private static void writeString(String s, DataOutputView out) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("Negative partition key length " + n);
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Snapshot of {@link PartitionKeysSerializer} (stateless; version 1 is the layout above). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<PartitionKeys> {
        public Snapshot() {
            super(PartitionKeysSerializer::new);
        }
    }
}
