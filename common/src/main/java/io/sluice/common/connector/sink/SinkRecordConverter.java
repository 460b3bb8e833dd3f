package io.sluice.common.connector.sink;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/** Turns an element into a {@link SinkRecord}: its bytes from a serialization schema, its keys from the user's functions. */
final class SinkRecordConverter<T> implements ElementConverter<T, SinkRecord> {

    private final SerializationSchema<T> schema;
    private final PartitionKeyGenerator<T> partitionKeys;
    private final ExplicitHashKeyGenerator<T> hashKeys;

    SinkRecordConverter(SerializationSchema<T> schema, PartitionKeyGenerator<T> partitionKeys, ExplicitHashKeyGenerator<T> hashKeys) {
        this.schema = schema;
        this.partitionKeys = partitionKeys;
        this.hashKeys = hashKeys;
    }

    /** Called by Flink's async sink writer when it starts. */
    @Override
    public void open(WriterInitContext context) {
        try {
            schema.open(context.asSerializationSchemaInitializationContext());
        } catch (Exception e) {
            throw new IllegalStateException("Could not open the serialization schema", e);
        }
    }

    @Override
    public SinkRecord apply(T element, SinkWriter.Context context) {
        String hashKey = hashKeys == null ? null : hashKeys.explicitHashKey(element);
        return new SinkRecord(schema.serialize(element), partitionKeys.partitionKey(element), hashKey);
    }
}
