package io.sluice.common.connector.sink;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;

/** Serializer of the Firehose sink's buffered records (their bytes, delimiter included) in checkpoints; version 1. */
public final class ByteArrayStateSerializer extends AsyncSinkWriterStateSerializer<byte[]> {

    @Override
    protected void serializeRequestToStream(byte[] record, DataOutputStream out) throws IOException {
        out.writeInt(record.length);
        out.write(record);
    }

    @Override
    protected byte[] deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
        byte[] data = new byte[in.readInt()];
        in.readFully(data);
        return data;
    }

    @Override
    public BufferedRequestState<byte[]> deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1) {
            throw new IOException("Unknown version " + version + " of the Firehose sink's buffered records; this build reads version 1.");
        }
        return super.deserialize(version, serialized);
    }

    @Override
    public int getVersion() {
        return 1;
    }
}
