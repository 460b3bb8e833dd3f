package io.sluice.common.connector.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializer of {@link ShardSplit}s in checkpoints. Version 2 (written): version 1's fields, then the subscription id.
 * Version 1 (still read): stream, shard, parents, start kind and time, last sequence number (if any), last
 * sub-sequence, finished; its splits belong to the empty subscription.
 */
public final class ShardSplitSerializer implements SimpleVersionedSerializer<ShardSplit> {

    static final int VERSION = 2;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(ShardSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public ShardSplit deserialize(int version, byte[] bytes) throws IOException {
        if (version != 1 && version != VERSION) {
            throw new IOException("Unknown shard split version " + version);
        }
        return read(new DataInputDeserializer(bytes), version);
    }

    static void write(ShardSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.streamName());
        out.writeUTF(split.shardId());
        out.writeInt(split.parentShardIds().size());
        for (String parent : split.parentShardIds()) {
            out.writeUTF(parent);
        }
        out.writeByte(split.start().kind().ordinal());
        out.writeLong(split.start().timestampMillis());
        out.writeBoolean(split.lastSequenceNumber() != null);
        if (split.lastSequenceNumber() != null) {
            out.writeUTF(split.lastSequenceNumber());
        }
        out.writeLong(split.lastSubSequence());
        out.writeBoolean(split.finished());
        out.writeUTF(split.subscription());
    }

    static ShardSplit read(DataInputView in, int version) throws IOException {
        String stream = in.readUTF();
        String shardId = in.readUTF();
        int parents = in.readInt();
        List<String> parentIds = new ArrayList<>(parents);
        for (int i = 0; i < parents; i++) {
            parentIds.add(in.readUTF());
        }
        StartingPosition start = new StartingPosition(StartingPosition.Kind.values()[in.readByte()], in.readLong());
        String last = in.readBoolean() ? in.readUTF() : null;
        long lastSub = in.readLong();
        boolean finished = in.readBoolean();
        String subscription = version >= 2 ? in.readUTF() : "";
        return new ShardSplit(stream, shardId, parentIds, start, last, lastSub, finished, subscription);
    }
}
