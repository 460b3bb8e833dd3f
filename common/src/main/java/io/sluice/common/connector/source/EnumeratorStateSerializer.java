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

/**
 * Serializer of the {@link EnumeratorState} in checkpoints. Version 2 (written): the number of subscriptions, then
 * each one's id, whether stream and start follow (stream, start kind, start time), assigned and finished shard ids,
 * pending splits (version-2 splits) and the discovered flag. Version 1 (still read, the single-stream source before
 * subscriptions): assigned, finished, pending (version-1 splits), discovered, as the empty subscription.
 */
public final class EnumeratorStateSerializer implements SimpleVersionedSerializer<EnumeratorState> {

    private static final int VERSION = 2;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(EnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(state.subscriptions().size());
        for (EnumeratorState.Subscription s : state.subscriptions()) {
            StreamSubscription sub = s.subscription();
            out.writeUTF(sub.id());
            boolean described = sub.streamName() != null && sub.start() != null;
            out.writeBoolean(described);
            if (described) {
                out.writeUTF(sub.streamName());
                out.writeByte(sub.start().kind().ordinal());
                out.writeLong(sub.start().timestampMillis());
            }
            writeShards(s, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public EnumeratorState deserialize(int version, byte[] bytes) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        if (version == 1) {
            return new EnumeratorState(List.of(readShards(new StreamSubscription("", null, null), in, 1)));
        }
        if (version != VERSION) {
            throw new IOException("Unknown enumerator state version " + version);
        }
        int n = in.readInt();
        List<EnumeratorState.Subscription> subscriptions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = in.readUTF();
            StreamSubscription sub = in.readBoolean()
                    ? new StreamSubscription(id, in.readUTF(), new StartingPosition(StartingPosition.Kind.values()[in.readByte()], in.readLong()))
                    : new StreamSubscription(id, null, null);
            subscriptions.add(readShards(sub, in, ShardSplitSerializer.VERSION));
        }
        return new EnumeratorState(subscriptions);
    }

    private static void writeShards(EnumeratorState.Subscription s, DataOutputView out) throws IOException {
        writeIds(s.assigned(), out);
        writeIds(s.finished(), out);
        out.writeInt(s.pending().size());
        for (ShardSplit split : s.pending()) {
            ShardSplitSerializer.write(split, out);
        }
        out.writeBoolean(s.discovered());
    }

    private static EnumeratorState.Subscription readShards(StreamSubscription sub, DataInputView in, int splitVersion) throws IOException {
        Set<String> assigned = readIds(in);
        Set<String> finished = readIds(in);
        int n = in.readInt();
        List<ShardSplit> pending = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pending.add(ShardSplitSerializer.read(in, splitVersion));
        }
        return new EnumeratorState.Subscription(sub, assigned, finished, pending, in.readBoolean());
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
