package io.sluice.common.serialization;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * An explicit Flink serializer for immutable value types (Java records) that writes them as
 * length-prefixed CBOR through Jackson. It keeps Sluice's events and small state off Kryo, and it
 * tolerates added or removed members, so state written by an older release still reads.
 *
 * <p>Values must be immutable: {@link #copy(Object)} returns its argument.
 */
public final class JacksonSerializer<T> extends TypeSerializer<T> {

    private static final long serialVersionUID = 1L;

    static final ObjectMapper MAPPER =
            new CBORMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Class<T> type;
    private transient ObjectReader reader;
    private transient ObjectWriter writer;

    public JacksonSerializer(Class<T> type) {
        this.type = type;
    }

    public Class<T> type() {
        return type;
    }

    /** Encodes a value to bytes (used by tests and by codecs that embed values). */
    public byte[] toBytes(T value) throws IOException {
        return writer().writeValueAsBytes(value);
    }

    public T fromBytes(byte[] bytes) throws IOException {
        return reader().readValue(bytes);
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return this;
    }

    @Override
    public T createInstance() {
        return null;
    }

    @Override
    public T copy(T from) {
        return from;
    }

    @Override
    public T copy(T from, T reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        byte[] bytes = toBytes(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return fromBytes(bytes);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof JacksonSerializer<?> other && other.type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new JacksonSerializerSnapshot<>(type);
    }

    private ObjectReader reader() {
        if (reader == null) {
            reader = MAPPER.readerFor(type);
        }
        return reader;
    }

    private ObjectWriter writer() {
        if (writer == null) {
            writer = MAPPER.writerFor(type);
        }
        return writer;
    }
}
