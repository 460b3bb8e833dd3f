package io.sluice.ingest.routing;

import io.sluice.common.http.CallSerializers;
import io.sluice.common.serialization.BinarySerializer;
import io.sluice.common.serialization.JacksonSerializer;
import io.sluice.ingest.api.PutEntry;
import io.sluice.ingest.api.PutRecordsRequest;
import io.sluice.ingest.api.StreamRequest;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializer of {@link StreamCommand}: puts (nearly all traffic) in a fixed binary form, the other
 * requests (a few per second at most) as CBOR through Jackson.
 */
public final class StreamCommandSerializer extends BinarySerializer<StreamCommand> {

    private static final long serialVersionUID = 1L;
    private static final byte PUT = 0;
    private static final byte OTHER = 1;

    private final JacksonSerializer<StreamRequest> others = new JacksonSerializer<>(StreamRequest.class);

    @Override
    public void serialize(StreamCommand command, DataOutputView out) throws IOException {
        CallSerializers.writeRef(command.ref(), out);
        out.writeLong(command.receivedAtMillis());
        if (command.request() instanceof PutRecordsRequest put) {
            out.writeByte(PUT);
            out.writeUTF(put.streamName());
            out.writeBoolean(put.single());
            PutEntry.writeAll(put.entries(), out);
        } else {
            out.writeByte(OTHER);
            others.serialize(command.request(), out);
        }
    }

    @Override
    public StreamCommand deserialize(DataInputView in) throws IOException {
        var ref = CallSerializers.readRef(in);
        long receivedAt = in.readLong();
        byte kind = in.readByte();
        StreamRequest request = switch (kind) {
            case PUT -> new PutRecordsRequest(in.readUTF(), in.readBoolean(), PutEntry.readAll(in));
            case OTHER -> others.deserialize(in);
            default -> throw new IOException("Unknown stream command kind " + kind);
        };
        return new StreamCommand(ref, receivedAt, request);
    }

    @Override
    public TypeSerializerSnapshot<StreamCommand> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of {@link StreamCommandSerializer} (stateless; version 1 is the format above). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<StreamCommand> {
        public Snapshot() {
            super(StreamCommandSerializer::new);
        }
    }
}
