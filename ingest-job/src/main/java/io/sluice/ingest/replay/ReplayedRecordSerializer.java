package io.sluice.ingest.replay;

import io.sluice.common.serialization.BinarySerializer;
import io.sluice.common.serialization.SerializerTypeInfo;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializer of {@link ReplayedRecord} (no Kryo): stream, shard id, sequence number, sub-sequence number, partition
 * key, explicit hash key (nullable), arrival time, data, in that order.
 */
public final class ReplayedRecordSerializer extends BinarySerializer<ReplayedRecord> {

    private static final long serialVersionUID = 1L;

    /** The type information of a replayed stream. */
    public static final TypeInformation<ReplayedRecord> TYPE = SerializerTypeInfo.of(ReplayedRecord.class, new ReplayedRecordSerializer());

    @Override
    public void serialize(ReplayedRecord r, DataOutputView out) throws IOException {
        out.writeUTF(r.stream());
        out.writeUTF(r.shardId());
        out.writeUTF(r.sequenceNumber());
        out.writeLong(r.subSequenceNumber());
        out.writeUTF(r.partitionKey());
        writeNullableString(r.explicitHashKey(), out);
        out.writeLong(r.arrivalTime());
        writeBytes(r.data(), out);
    }

    @Override
    public ReplayedRecord deserialize(DataInputView in) throws IOException {
        return new ReplayedRecord(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(), in.readUTF(), readNullableString(in),
                in.readLong(), readBytes(in));
    }

    @Override
    public TypeSerializerSnapshot<ReplayedRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of {@link ReplayedRecordSerializer} (stateless; version 1 is the format above). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ReplayedRecord> {
        public Snapshot() {
            super(ReplayedRecordSerializer::new);
        }
    }
}
