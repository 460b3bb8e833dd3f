package io.sluice.ingest.api;

import io.sluice.common.serialization.BinarySerializer;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** One record of a put: its position in the request, partition key, data and hash key. */
public record PutEntry(int index, String partitionKey, byte[] data, BigInteger hashKey) {

    /** Writes entries in the binary form the put path's serializers share. */
    public static void writeAll(List<PutEntry> entries, DataOutputView out) throws IOException {
        out.writeInt(entries.size());
        for (PutEntry entry : entries) {
            out.writeInt(entry.index);
            out.writeUTF(entry.partitionKey);
            BinarySerializer.writeBytes(entry.data, out);
            BinarySerializer.writeBytes(entry.hashKey == null ? null : entry.hashKey.toByteArray(), out);
        }
    }

    /** Reads what {@link #writeAll} wrote. */
    public static List<PutEntry> readAll(DataInputView in) throws IOException {
        int count = in.readInt();
        List<PutEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = in.readInt();
            String partitionKey = in.readUTF();
            byte[] data = BinarySerializer.readBytes(in);
            byte[] hash = BinarySerializer.readBytes(in);
            entries.add(new PutEntry(index, partitionKey, data, hash == null ? null : new BigInteger(hash)));
        }
        return entries;
    }
}
