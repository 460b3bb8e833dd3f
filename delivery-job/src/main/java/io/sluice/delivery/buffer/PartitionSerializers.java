package io.sluice.delivery.buffer;

import static io.sluice.common.serialization.BinarySerializer.readBytes;
import static io.sluice.common.serialization.BinarySerializer.writeBytes;

import io.sluice.common.serialization.BinarySerializer;
import io.sluice.delivery.partition.PartitionKeys;
import io.sluice.delivery.partition.PartitionKeysSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Binary serializers of the partition buffers' state ({@link PartitionBuffers}). Each format starts with its version
 * byte ({@code 1}), and a reader refuses any other.
 */
public final class PartitionSerializers {

    static final byte VERSION_1 = 1;

    private PartitionSerializers() {}

    /** A chunk's place: its partition, then its number. Version 1: the byte 1, {@link PartitionKeysSerializer}'s bytes, the number (long). */
    public record ChunkKey(PartitionKeys partition, long number) {}

    /** {@link ChunkKey}, a map key: equal keys are equal bytes (the partition keys are written in key order). */
    public static final class ChunkKeySerializer extends BinarySerializer<ChunkKey> {
        private static final long serialVersionUID = 1L;
        private static final PartitionKeysSerializer KEYS = new PartitionKeysSerializer();

        @Override
        public void serialize(ChunkKey key, DataOutputView out) throws IOException {
            out.writeByte(VERSION_1);
            KEYS.serialize(key.partition(), out);
            out.writeLong(key.number());
        }

        @Override
        public ChunkKey deserialize(DataInputView in) throws IOException {
            checkVersion(in, "chunk key");
            PartitionKeys partition = KEYS.deserialize(in);
            return new ChunkKey(partition, in.readLong());
        }

        @Override
        public TypeSerializerSnapshot<ChunkKey> snapshotConfiguration() {
            return new ChunkKeySnapshot();
        }
    }

    /** Snapshot of {@link ChunkKeySerializer}. */
    public static final class ChunkKeySnapshot extends SimpleTypeSerializerSnapshot<ChunkKey> {
        public ChunkKeySnapshot() {
            super(ChunkKeySerializer::new);
        }
    }

    /** {@link PartitionChunk}. Version 1: the byte 1, the record count (int), then each record's arrival (long) and length-prefixed data. */
    public static final class ChunkSerializer extends BinarySerializer<PartitionChunk> {
        private static final long serialVersionUID = 1L;

        @Override
        public void serialize(PartitionChunk chunk, DataOutputView out) throws IOException {
            out.writeByte(VERSION_1);
            out.writeInt(chunk.records().size());
            for (int i = 0; i < chunk.records().size(); i++) {
                out.writeLong(chunk.arrivals()[i]);
                writeBytes(chunk.records().get(i), out);
            }
        }

        @Override
        public PartitionChunk deserialize(DataInputView in) throws IOException {
            checkVersion(in, "partition chunk");
            int n = in.readInt();
            if (n < 0) {
                throw new IOException("Negative record count " + n);
            }
            List<byte[]> records = new ArrayList<>(n);
            long[] arrivals = new long[n];
            for (int i = 0; i < n; i++) {
                arrivals[i] = in.readLong();
                records.add(readBytes(in));
            }
            return new PartitionChunk(records, arrivals);
        }

        @Override
        public TypeSerializerSnapshot<PartitionChunk> snapshotConfiguration() {
            return new ChunkSnapshot();
        }
    }

    /** Snapshot of {@link ChunkSerializer}. */
    public static final class ChunkSnapshot extends SimpleTypeSerializerSnapshot<PartitionChunk> {
        public ChunkSnapshot() {
            super(ChunkSerializer::new);
        }
    }

    /** {@link PartitionBuffer}. Version 1: the byte 1, then its seven fields in order, each a long. */
    public static final class BufferSerializer extends BinarySerializer<PartitionBuffer> {
        private static final long serialVersionUID = 1L;

        @Override
        public void serialize(PartitionBuffer b, DataOutputView out) throws IOException {
            out.writeByte(VERSION_1);
            out.writeLong(b.first());
            out.writeLong(b.taken());
            out.writeLong(b.next());
            out.writeLong(b.bytes());
            out.writeLong(b.records());
            out.writeLong(b.oldestArrival());
            out.writeLong(b.dueAt());
        }

        @Override
        public PartitionBuffer deserialize(DataInputView in) throws IOException {
            checkVersion(in, "partition buffer");
            return new PartitionBuffer(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong());
        }

        @Override
        public TypeSerializerSnapshot<PartitionBuffer> snapshotConfiguration() {
            return new BufferSnapshot();
        }
    }

    /** Snapshot of {@link BufferSerializer}. */
    public static final class BufferSnapshot extends SimpleTypeSerializerSnapshot<PartitionBuffer> {
        public BufferSnapshot() {
            super(BufferSerializer::new);
        }
    }

    private static void checkVersion(DataInputView in, String what) throws IOException {
        byte version = in.readByte();
        if (version != VERSION_1) {
            throw new IOException("Unknown " + what + " format version " + version + " (this Sluice reads version " + VERSION_1 + ")");
        }
    }
}
