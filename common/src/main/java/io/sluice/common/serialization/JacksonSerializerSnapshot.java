package io.sluice.common.serialization;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Snapshot of a {@link JacksonSerializer}: the value class. Compatible as-is whenever the class is
 * the same, because the CBOR encoding is self-describing and tolerant of added or removed members.
 */
public final class JacksonSerializerSnapshot<T> implements TypeSerializerSnapshot<T> {

    private static final int VERSION = 1;

    private Class<T> type;

    /** For Flink's reflective instantiation on restore. */
    public JacksonSerializerSnapshot() {}

    JacksonSerializerSnapshot(Class<T> type) {
        this.type = type;
    }

    @Override
    public int getCurrentVersion() {
        return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeUTF(type.getName());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
        if (readVersion != VERSION) {
            throw new IOException("Unknown JacksonSerializerSnapshot version " + readVersion + " (this build reads " + VERSION + ")");
        }
        String name = in.readUTF();
        try {
            type = (Class<T>) Class.forName(name, false, classLoader);
        } catch (ClassNotFoundException notFound) {
            throw new IOException("Class " + name + " of restored state is not on the classpath", notFound);
        }
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return new JacksonSerializer<>(type);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
        if (oldSnapshot instanceof JacksonSerializerSnapshot<T> old && old.type.getName().equals(type.getName())) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        return TypeSerializerSchemaCompatibility.incompatible();
    }
}
