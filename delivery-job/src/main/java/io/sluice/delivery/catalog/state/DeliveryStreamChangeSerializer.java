package io.sluice.delivery.catalog.state;

import io.sluice.common.serialization.BinarySerializer;
import io.sluice.delivery.catalog.DeliveryStreamChange;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link DeliveryStreamChange} between the registry and the buffers (never in state): the name as a nullable string,
 * then the stream, nullable, in {@link DeliveryStreamSerializer}'s layout.
 */
public final class DeliveryStreamChangeSerializer extends BinarySerializer<DeliveryStreamChange> {

    private static final long serialVersionUID = 1L;

    @Override
    public void serialize(DeliveryStreamChange change, DataOutputView out) throws IOException {
        StateFields.writeString(change.name(), out);
        StateFields.writeNullable(change.stream(), out, DeliveryStreamFormat::write);
    }

    @Override
    public DeliveryStreamChange deserialize(DataInputView in) throws IOException {
        String name = StateFields.readString(in);
        return new DeliveryStreamChange(name, StateFields.readNullable(in, DeliveryStreamFormat::read));
    }

    @Override
    public TypeSerializerSnapshot<DeliveryStreamChange> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot of {@link DeliveryStreamChangeSerializer} (stateless; the records only travel, never rest in state). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DeliveryStreamChange> {
        public Snapshot() {
            super(DeliveryStreamChangeSerializer::new);
        }
    }
}
