package io.sluice.common.connector.sink;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * An element converter whose record bytes come from a serialization schema, which it opens when Flink's async
 * sink writer starts; the sinks' converters add their own keys, delimiter and checks.
 */
abstract class SchemaElementConverter<T, E> implements ElementConverter<T, E> {

    private static final long serialVersionUID = 1L;

    final SerializationSchema<T> schema;

    SchemaElementConverter(SerializationSchema<T> schema) {
        this.schema = schema;
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
}
