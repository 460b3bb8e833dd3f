package io.sluice.common.connector.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Serializer of the {@link EnumeratorState} in checkpoints (version 1). */
public final class EnumeratorStateSerializer implements SimpleVersionedSerializer<EnumeratorState> {

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(EnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        writeIds(state.assigned(), out);
        writeIds(state.finished(), out);
        out.writeInt(state.pending().size());
        for (ShardSplit split : state.pending()) {
            ShardSplitSerializer.write(split, out);
        }
        out.writeBoolean(state.discovered());
        return out.getCopyOfBuffer();
    }

    @Override
    public EnumeratorState deserialize(int version, byte[] bytes) throws IOException {
        if (version != VERSION) {
            throw new IOException("Unknown enumerator state version " + version);
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        Set<String> assigned = readIds(in);
        Set<String> finished = readIds(in);
        int n = in.readInt();
        List<ShardSplit> pending = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pending.add(ShardSplitSerializer.read(in));
        }
        return new EnumeratorState(assigned, finished, pending, in.readBoolean());
    }

    private static void writeIds(Set<String> ids, DataOutputView out) throws IOException {
        out.writeInt(ids.size());
        for (String id : ids) {
            out.writeUTF(id);
        }
    }

    private static Set<String> readIds(DataInputView in) throws IOException {
        int n = in.readInt();
        Set<String> ids = new HashSet<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(in.readUTF());
        }
        return ids;
    }
}
