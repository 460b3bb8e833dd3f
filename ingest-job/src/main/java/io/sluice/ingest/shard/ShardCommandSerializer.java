package io.sluice.ingest.shard;

import io.sluice.common.http.CallSerializers;
import io.sluice.common.serialization.BinarySerializer;
import io.sluice.common.serialization.JacksonSerializer;
import io.sluice.ingest.api.PutEntry;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializer of {@link ShardCommand}: appends in a fixed binary form (the record bytes copied once),
 * the other operations (iterators, reads, drops: small) as CBOR through Jackson.
 */
public final class ShardCommandSerializer extends BinarySerializer<ShardCommand> {

    private static final long serialVersionUID = 1L;
    private static final byte APPEND = 0;
    private static final byte OTHER = 1;

    private final JacksonSerializer<ShardOp> others = new JacksonSerializer<>(ShardOp.class);

    @Override
    public void serialize(ShardCommand command, DataOutputView out) throws IOException {
        CallSerializers.writeRef(command.ref(), out);
        out.writeUTF(command.shardKey());
        out.writeUTF(command.streamName());
        out.writeLong(command.generation());
        out.writeLong(command.streamTag());
        out.writeInt(command.shardIndex());
        out.writeLong(command.retentionMillis());
        out.writeBoolean(command.limited());
        out.writeInt(command.shardMetrics());
        if (command.op() instanceof ShardOp.Append append) {
            out.writeByte(APPEND);
            out.writeBoolean(append.single());
            out.writeInt(append.partCount());
            out.writeInt(append.recordCount());
            PutEntry.writeAll(append.entries(), out);
        } else {
            out.writeByte(OTHER);
            others.serialize(command.op(), out);
        }
    }

    @Override
    public ShardCommand deserialize(DataInputView in) throws IOException {
        var ref = CallSerializers.readRef(in);
        String shardKey = in.readUTF();
        String streamName = in.readUTF();
        long generation = in.readLong();
        long streamTag = in.readLong();
        int shardIndex = in.readInt();
        long retentionMillis = in.readLong();
        boolean limited = in.readBoolean();
        int shardMetrics = in.readInt();
        byte kind = in.readByte();
        ShardOp op = switch (kind) {
            case APPEND -> new ShardOp.Append(in.readBoolean(), in.readInt(), in.readInt(), PutEntry.readAll(in));
            case OTHER -> others.deserialize(in);
            default -> throw new IOException("Unknown shard command kind " + kind);
        };
        return new ShardCommand(ref, shardKey, streamName, generation, streamTag, shardIndex, retentionMillis, limited, shardMetrics, op);
    }

    @Override
    public TypeSerializerSnapshot<ShardCommand> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of {@link ShardCommandSerializer} (stateless; version 1 is the format above). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ShardCommand> {
        public Snapshot() {
            super(ShardCommandSerializer::new);
        }
    }
}
