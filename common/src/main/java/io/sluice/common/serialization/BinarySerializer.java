package io.sluice.common.serialization;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Base of the hand-written Flink serializers for the immutable records that travel between Sluice's
 * operators on every call (requests, shard commands, replies). They write fields in a fixed binary
 * order and copy payload bytes once, where {@link JacksonSerializer} would build a CBOR tree: on the
 * put path that was a tenth of the server's CPU. Subclasses are stateless; one instance serves all.
 */
public abstract class BinarySerializer<T> extends TypeSerializer<T> {

    private static final long serialVersionUID = 1L;

    /** Encodes one value on its own (tests, and codecs that embed values). */
    public final byte[] toBytes(T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serialize(value, out);
        return out.getCopyOfBuffer();
    }

    /** Decodes what {@link #toBytes} wrote; fails on trailing bytes. */
    public final T fromBytes(byte[] bytes) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        T value = deserialize(in);
        if (in.available() > 0) {
            throw new IOException(in.available() + " bytes left after a " + getClass().getSimpleName() + " value");
        }
        return value;
    }

    @Override
    public final boolean isImmutableType() {
        return true;
    }

    @Override
    public final TypeSerializer<T> duplicate() {
        return this;
    }

    @Override
    public final T createInstance() {
        return null;
    }

    @Override
    public final T copy(T from) {
        return from;
    }

    @Override
    public final T copy(T from, T reuse) {
        return from;
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public final boolean equals(Object obj) {
        return obj != null && obj.getClass() == getClass();
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode();
    }

    /** Writes a byte array with its length ({@code -1} for null). */
    public static void writeBytes(byte[] bytes, DataOutputView out) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    /** Reads what {@link #writeBytes} wrote. */
    public static byte[] readBytes(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    /** Writes a possibly null string (modified UTF-8, under 64 KiB: names, keys, ids). */
    public static void writeNullableString(String value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    /** Reads what {@link #writeNullableString} wrote. */
    public static String readNullableString(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
