package io.sluice.common.http;

import static io.sluice.common.serialization.BinarySerializer.readBytes;
import static io.sluice.common.serialization.BinarySerializer.readNullableString;
import static io.sluice.common.serialization.BinarySerializer.writeBytes;
import static io.sluice.common.serialization.BinarySerializer.writeNullableString;

import io.sluice.common.serialization.BinarySerializer;
import io.sluice.common.wire.WireFormat;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Binary serializers of what flows between the HTTP endpoints and a service: calls and replies. */
public final class CallSerializers {

    private CallSerializers() {}

    /** Writes a {@link CallRef} (fixed width). */
    public static void writeRef(CallRef ref, DataOutputView out) throws IOException {
        out.writeInt(ref.origin());
        out.writeLong(ref.endpoint());
        out.writeLong(ref.callId());
        out.writeByte(ref.format().ordinal());
    }

    /** Reads what {@link #writeRef} wrote. */
    public static CallRef readRef(DataInputView in) throws IOException {
        int origin = in.readInt();
        long endpoint = in.readLong();
        long callId = in.readLong();
        int format = in.readUnsignedByte();
        if (format >= WireFormat.values().length) {
            throw new IOException("Unknown wire format " + format + " in a serialized call reference");
        }
        return new CallRef(origin, endpoint, callId, WireFormat.values()[format]);
    }

    /** Serializer of {@link ApiCall}. */
    public static final class ApiCallSerializer extends BinarySerializer<ApiCall> {

        private static final long serialVersionUID = 1L;

        @Override
        public void serialize(ApiCall call, DataOutputView out) throws IOException {
            writeRef(call.ref(), out);
            writeNullableString(call.target(), out);
            writeNullableString(call.requestId(), out);
            out.writeLong(call.receivedAtMillis());
            writeBytes(call.body(), out);
        }

        @Override
        public ApiCall deserialize(DataInputView in) throws IOException {
            return new ApiCall(readRef(in), readNullableString(in), readNullableString(in), in.readLong(), readBytes(in));
        }

        @Override
        public TypeSerializerSnapshot<ApiCall> snapshotConfiguration() {
            return new ApiCallSnapshot();
        }
    }

    /** Snapshot of {@link ApiCallSerializer} (stateless; version 1 is the format above). */
    public static final class ApiCallSnapshot extends SimpleTypeSerializerSnapshot<ApiCall> {
        public ApiCallSnapshot() {
            super(ApiCallSerializer::new);
        }
    }

    /** Serializer of {@link ApiReply}. */
    public static final class ApiReplySerializer extends BinarySerializer<ApiReply> {

        private static final long serialVersionUID = 1L;

        @Override
        public void serialize(ApiReply reply, DataOutputView out) throws IOException {
            writeRef(reply.ref(), out);
            writeNullableString(reply.partKind(), out);
            out.writeInt(reply.partCount());
            out.writeShort(reply.status());
            writeNullableString(reply.errorType(), out);
            writeBytes(reply.body(), out);
            out.writeBoolean(reply.settled());
        }

        @Override
        public ApiReply deserialize(DataInputView in) throws IOException {
            return new ApiReply(readRef(in), readNullableString(in), in.readInt(), in.readUnsignedShort(),
                    readNullableString(in), readBytes(in), in.readBoolean());
        }

        @Override
        public TypeSerializerSnapshot<ApiReply> snapshotConfiguration() {
            return new ApiReplySnapshot();
        }
    }

    /**
     * Snapshot of {@link ApiReplySerializer} (stateless). Replies travel between operators only, never in keyed or
     * operator state, so their format may change between builds (the {@code settled} flag was added last).
     */
    public static final class ApiReplySnapshot extends SimpleTypeSerializerSnapshot<ApiReply> {
        public ApiReplySnapshot() {
            super(ApiReplySerializer::new);
        }
    }
}
