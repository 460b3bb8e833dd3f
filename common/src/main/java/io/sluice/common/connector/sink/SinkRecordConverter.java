package io.sluice.common.connector.sink;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.SinkWriter;

/** Turns an element into a {@link SinkRecord}: its bytes from a serialization schema, its keys from the user's functions. */
final class SinkRecordConverter<T> extends SchemaElementConverter<T, SinkRecord> {

    private final PartitionKeyGenerator<T> partitionKeys;
    private final ExplicitHashKeyGenerator<T> hashKeys;

    SinkRecordConverter(SerializationSchema<T> schema, PartitionKeyGenerator<T> partitionKeys, ExplicitHashKeyGenerator<T> hashKeys) {
        super(schema);
        this.partitionKeys = partitionKeys;
        this.hashKeys = hashKeys;
    }

    @Override
    public SinkRecord apply(T element, SinkWriter.Context context) {
        String hashKey = hashKeys == null ? null : hashKeys.explicitHashKey(element);
        return new SinkRecord(schema.serialize(element), partitionKeys.partitionKey(element), hashKey);
    }
}
