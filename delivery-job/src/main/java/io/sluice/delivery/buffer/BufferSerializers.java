package io.sluice.delivery.buffer;

import static io.sluice.common.serialization.BinarySerializer.readBytes;
import static io.sluice.common.serialization.BinarySerializer.writeBytes;

import io.sluice.common.http.CallRef;
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
     * {@link BufferedBatch}, the buffer's state format, one entry per batch. Version 1 (Direct PUT batches, as ever):
     * arrival millis, record count, then each record's length-prefixed data. Version 2 (batches read from a Kinesis
     * stream): the byte {@code 2}, version 1's fields, then each record's {@link KinesisRecordMetadata} (shard id,
     * partition key, sequence number as UTF, sub-sequence number, arrival millis). A version-1 entry starts with the
     * high byte of its arrival millis, which is 0 until the year 2 million (or 0xff before 1970), never 2, so
     * every entry says its version and both are read: no state migration.
     */
    public static final class BufferedBatchSerializer extends BinarySerializer<BufferedBatch> {

        private static final long serialVersionUID = 1L;
        /** The first byte of a version-2 entry. */
        static final byte VERSION_2 = 2;

        @Override
        public void serialize(BufferedBatch batch, DataOutputView out) throws IOException {
            if (batch.kinesis() != null) {
                out.writeByte(VERSION_2);
            }
            out.writeLong(batch.arrivalMillis());
            writeRecords(batch.records(), out);
            if (batch.kinesis() != null) {
                writeKinesis(batch.kinesis(), out);
            }
        }

        @Override
        public BufferedBatch deserialize(DataInputView in) throws IOException {
            byte first = in.readByte();
            if (first == VERSION_2) {
                long arrival = in.readLong();
                List<byte[]> records = readRecords(in);
                return new BufferedBatch(arrival, records, readKinesis(in, records.size()));
            }
            // Version 1: the first byte was the arrival's highest (its sign extension shifts out).
            long arrival = first;
            for (int i = 0; i < 7; i++) {
                arrival = (arrival << 8) | in.readUnsignedByte();
            }
            return new BufferedBatch(arrival, readRecords(in));
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
            out.writeBoolean(put.fromSource());
            if (!put.fromSource()) {
                CallSerializers.writeRef(put.ref(), out);
            }
            out.writeUTF(put.deliveryStream());
            out.writeBoolean(put.single());
            out.writeLong(put.arrivalMillis());
            writeRecords(put.records(), out);
            if (put.fromSource()) {
                writeKinesis(put.kinesis(), out);
                out.writeLong(put.sourceCreatedMillis());
            }
        }

        @Override
        public PutCommand deserialize(DataInputView in) throws IOException {
            boolean fromSource = in.readBoolean();
            CallRef ref = fromSource ? null : CallSerializers.readRef(in);
            String stream = in.readUTF();
            boolean single = in.readBoolean();
            long arrival = in.readLong();
            List<byte[]> records = readRecords(in);
            if (!fromSource) {
                return new PutCommand(ref, stream, single, arrival, records);
            }
            return new PutCommand(null, stream, single, arrival, records, readKinesis(in, records.size()), in.readLong());
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

    private static void writeKinesis(List<KinesisRecordMetadata> kinesis, DataOutputView out) throws IOException {
        for (KinesisRecordMetadata m : kinesis) {
            out.writeUTF(m.shardId());
            out.writeUTF(m.partitionKey());
            out.writeUTF(m.sequenceNumber());
            out.writeLong(m.subsequenceNumber());
            out.writeLong(m.approximateArrivalTimestamp());
        }
    }

    private static List<KinesisRecordMetadata> readKinesis(DataInputView in, int n) throws IOException {
        List<KinesisRecordMetadata> kinesis = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            kinesis.add(new KinesisRecordMetadata(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(), in.readLong()));
        }
        return kinesis;
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
