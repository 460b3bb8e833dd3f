package io.sluice.delivery.catalog.state;

import io.sluice.common.serialization.BinarySerializer;
import io.sluice.delivery.catalog.DeliveryStream;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link DeliveryStream} in Flink state and between operators, in the catalog's binary format version 2: per member,
 * in the records' order, with null markers and counted lists and maps ({@link DeliveryStreamFormat} and the part
 * formats it names; encodings in {@link StateFields}). No version is written per value: the version is the
 * {@link DeliveryStreamSerializerSnapshot}'s, which also tells how to read state of earlier versions (version 1 is
 * the Jackson/CBOR of {@code JacksonSerializer}).
 */
public final class DeliveryStreamSerializer extends BinarySerializer<DeliveryStream> {

    private static final long serialVersionUID = 1L;

    @Override
    public void serialize(DeliveryStream stream, DataOutputView out) throws IOException {
        DeliveryStreamFormat.write(stream, out);
    }

    @Override
    public DeliveryStream deserialize(DataInputView in) throws IOException {
        return DeliveryStreamFormat.read(in);
    }

    @Override
    public TypeSerializerSnapshot<DeliveryStream> snapshotConfiguration() {
        return new DeliveryStreamSerializerSnapshot();
    }
}
