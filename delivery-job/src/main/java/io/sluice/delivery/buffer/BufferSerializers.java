package io.sluice.delivery.buffer;

import static io.sluice.common.serialization.BinarySerializer.readBytes;
import static io.sluice.common.serialization.BinarySerializer.writeBytes;

import io.sluice.common.http.CallSerializers;
import io.sluice.common.serialization.BinarySerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Binary serializers of the buffer's put path: {@link PutCommand} on the wire and {@link BufferedBatch} in state. */
public final class BufferSerializers {

    private BufferSerializers() {}

    /**
     * {@link BufferedBatch}, the buffer's state format. Version 1: arrival millis, record count, then
     * each record's length-prefixed data.
     */
    public static final class BufferedBatchSerializer extends BinarySerializer<BufferedBatch> {

        private static final long serialVersionUID = 1L;

        @Override
        public void serialize(BufferedBatch batch, DataOutputView out) throws IOException {
            out.writeLong(batch.arrivalMillis());
            writeRecords(batch.records(), out);
        }

        @Override
        public BufferedBatch deserialize(DataInputView in) throws IOException {
            return new BufferedBatch(in.readLong(), readRecords(in));
        }

        @Override
        public TypeSerializerSnapshot<BufferedBatch> snapshotConfiguration() {
            return new BufferedBatchSnapshot();
        }
    }

    /** Snapshot of {@link BufferedBatchSerializer} (stateless; version 1 is the format above). */
    public static final class BufferedBatchSnapshot extends SimpleTypeSerializerSnapshot<BufferedBatch> {
        public BufferedBatchSnapshot() {
            super(BufferedBatchSerializer::new);
        }
    }

    /** {@link PutCommand} between the router and the buffer. */
    public static final class PutCommandSerializer extends BinarySerializer<PutCommand> {

        private static final long serialVersionUID = 1L;

        @Override
        public void serialize(PutCommand put, DataOutputView out) throws IOException {
            CallSerializers.writeRef(put.ref(), out);
            out.writeUTF(put.deliveryStream());
            out.writeBoolean(put.single());
            out.writeLong(put.arrivalMillis());
            writeRecords(put.records(), out);
        }

        @Override
        public PutCommand deserialize(DataInputView in) throws IOException {
            return new PutCommand(CallSerializers.readRef(in), in.readUTF(), in.readBoolean(), in.readLong(), readRecords(in));
        }

        @Override
        public TypeSerializerSnapshot<PutCommand> snapshotConfiguration() {
            return new PutCommandSnapshot();
        }
    }

    /** Snapshot of {@link PutCommandSerializer}. */
    public static final class PutCommandSnapshot extends SimpleTypeSerializerSnapshot<PutCommand> {
        public PutCommandSnapshot() {
            super(PutCommandSerializer::new);
        }
    }

    private static void writeRecords(List<byte[]> records, DataOutputView out) throws IOException {
        out.writeInt(records.size());
        for (byte[] r : records) {
            writeBytes(r, out);
        }
    }

    private static List<byte[]> readRecords(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("Negative record count " + n);
        }
        List<byte[]> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(readBytes(in));
        }
        return records;
    }
}
