package io.sluice.delivery.catalog.state;

import io.sluice.common.serialization.JacksonSerializer;
import io.sluice.common.serialization.JacksonSerializerSnapshot;
import io.sluice.delivery.catalog.DeliveryStream;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The snapshot of {@link DeliveryStreamSerializer}: its version is the version of the state's format, and it has no
 * other content. The versions:
 * <ol>
 *   <li>Jackson/CBOR, as {@code JacksonSerializer<DeliveryStream>} writes it (an int length, then a CBOR map). Savepoints
 *       and checkpoints of that era carry a {@link JacksonSerializerSnapshot} instead of this class; either way the
 *       state is read by a {@link JacksonSerializer} and migrated.
 *   <li>the binary layout of {@link DeliveryStreamSerializer} (current).
 * </ol>
 *
 * <p>As Flink asks of a snapshot ({@link #resolveSchemaCompatibility}, called on the new serializer's snapshot with the
 * restored one): state of the current version is compatible as is; state of an earlier version, this class's or
 * Jackson's of {@link DeliveryStream}, is compatible after migration, which Flink does by reading every value with
 * {@link #restoreSerializer()} of the old snapshot and writing it with the new serializer; anything else is
 * incompatible. A later version than this build knows fails the restore with a message that says so.
 */
public final class DeliveryStreamSerializerSnapshot implements TypeSerializerSnapshot<DeliveryStream> {

    /** Version 1: Jackson/CBOR. */
    public static final int JACKSON_CBOR = 1;
    /** Version 2: the binary layout of {@link DeliveryStreamSerializer}. */
    public static final int BINARY = 2;

    private static final int CURRENT = BINARY;

    private int formatVersion = CURRENT;

    /** For Flink's reflective instantiation on restore; as made by the serializer, the current version. */
    public DeliveryStreamSerializerSnapshot() {}

    /** The version of the format that the state of this snapshot was written in. */
    public int formatVersion() {
        return formatVersion;
    }

    @Override
    public int getCurrentVersion() {
        return CURRENT;
    }

    @Override
    public void writeSnapshot(DataOutputView out) {
        // Nothing beyond the version, which Flink writes before the snapshot.
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
        if (readVersion < JACKSON_CBOR || readVersion > CURRENT) {
            throw new IOException("The delivery-stream state was written in format version " + readVersion
                    + "; this build of Sluice reads versions " + JACKSON_CBOR + " to " + CURRENT
                    + ". Restore it with the Sluice release that wrote it, or a later one.");
        }
        formatVersion = readVersion;
    }

    @Override
    public TypeSerializer<DeliveryStream> restoreSerializer() {
        return formatVersion == JACKSON_CBOR ? new JacksonSerializer<>(DeliveryStream.class) : new DeliveryStreamSerializer();
    }

    @Override
    public TypeSerializerSchemaCompatibility<DeliveryStream> resolveSchemaCompatibility(
            TypeSerializerSnapshot<DeliveryStream> oldSnapshot) {
        if (oldSnapshot instanceof DeliveryStreamSerializerSnapshot old) {
            return old.formatVersion == CURRENT
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
        if (oldSnapshot instanceof JacksonSerializerSnapshot<DeliveryStream> jackson
                && jackson.restoreSerializer() instanceof JacksonSerializer<DeliveryStream> old
                && old.type() == DeliveryStream.class) {
            return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
        return TypeSerializerSchemaCompatibility.incompatible();
    }
}
