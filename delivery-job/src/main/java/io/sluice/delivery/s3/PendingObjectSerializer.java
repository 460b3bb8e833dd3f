package io.sluice.delivery.s3;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The committer's checkpointed form of a {@link PendingObject}. Version 1: delivery stream, bucket and
 * key (UTF), token (length-prefixed bytes), records, bytes, then the error output type (a boolean, then
 * the UTF if present).
 */
public final class PendingObjectSerializer implements SimpleVersionedSerializer<PendingObject> {

    static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(PendingObject o) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128 + o.token().length);
        out.writeUTF(o.deliveryStream());
        out.writeUTF(o.bucket());
        out.writeUTF(o.key());
        out.writeInt(o.token().length);
        out.write(o.token());
        out.writeLong(o.records());
        out.writeLong(o.bytes());
        out.writeBoolean(o.errorOutputType() != null);
        if (o.errorOutputType() != null) {
            out.writeUTF(o.errorOutputType());
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public PendingObject deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("Unknown PendingObject version " + version + "; this build reads version " + VERSION);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        String deliveryStream = in.readUTF();
        String bucket = in.readUTF();
        String key = in.readUTF();
        byte[] token = new byte[in.readInt()];
        in.readFully(token);
        long records = in.readLong();
        long bytes = in.readLong();
        String errorOutputType = in.readBoolean() ? in.readUTF() : null;
        return new PendingObject(deliveryStream, bucket, key, token, records, bytes, errorOutputType);
    }
}
