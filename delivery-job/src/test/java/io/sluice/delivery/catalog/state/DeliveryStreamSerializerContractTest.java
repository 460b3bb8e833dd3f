package io.sluice.delivery.catalog.state;

import io.sluice.delivery.catalog.DeliveryStream;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink's own contract tests of a {@link TypeSerializer} ({@link SerializerTestBase}) run on {@link DeliveryStreamSerializer}:
 * copies, sequences, serialized copies, duplicates, Java serializability, and its snapshot written, read and resolved as
 * compatible as is.
 */
class DeliveryStreamSerializerContractTest extends SerializerTestBase<DeliveryStream> {

    @Override
    protected TypeSerializer<DeliveryStream> createSerializer() {
        return new DeliveryStreamSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<DeliveryStream> getTypeClass() {
        return DeliveryStream.class;
    }

    @Override
    protected DeliveryStream[] getTestData() {
        return CatalogStateFixtures.everyKind().toArray(new DeliveryStream[0]);
    }

    /** Delivery streams are immutable records: the serializer makes no empty instance to reuse. */
    @Override
    protected boolean allowNullInstances(TypeSerializer<DeliveryStream> serializer) {
        return true;
    }
}
