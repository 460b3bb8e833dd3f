package io.sluice.delivery.catalog.state;

import io.sluice.common.serialization.SerializerTypeInfo;
import io.sluice.delivery.catalog.DeliveryStream;
import io.sluice.delivery.catalog.DeliveryStreamChange;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The type information of the delivery-stream catalog's values, for state descriptors and streams. */
public final class CatalogTypes {

    /** A delivery stream, in the registry's and the buffers' state. */
    public static final TypeInformation<DeliveryStream> DELIVERY_STREAM =
            SerializerTypeInfo.of(DeliveryStream.class, new DeliveryStreamSerializer());

    /** A change from the registry to a buffer. */
    public static final TypeInformation<DeliveryStreamChange> DELIVERY_STREAM_CHANGE =
            SerializerTypeInfo.of(DeliveryStreamChange.class, new DeliveryStreamChangeSerializer());

    private CatalogTypes() {}
}
