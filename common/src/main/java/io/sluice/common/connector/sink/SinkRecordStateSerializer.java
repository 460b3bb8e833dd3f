package io.sluice.common.connector.sink;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/** Serializer of the sink's buffered records in checkpoints. */
public final class SinkRecordStateSerializer extends AsyncSinkWriterStateSerializer<SinkRecord> {

    @Override
    protected void serializeRequestToStream(SinkRecord record, DataOutputStream out) throws IOException {
        out.writeInt(record.data().length);
        out.write(record.data());
        out.writeUTF(record.partitionKey());
        out.writeBoolean(record.explicitHashKey() != null);
        if (record.explicitHashKey() != null) {
            out.writeUTF(record.explicitHashKey());
        }
    }

    @Override
    protected SinkRecord deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
        byte[] data = new byte[in.readInt()];
        in.readFully(data);
        String partitionKey = in.readUTF();
        String hashKey = in.readBoolean() ? in.readUTF() : null;
        return new SinkRecord(data, partitionKey, hashKey);
    }

    @Override
    public int getVersion() {
        return 1;
    }
}
