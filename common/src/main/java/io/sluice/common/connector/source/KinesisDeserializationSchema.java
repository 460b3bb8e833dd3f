package io.sluice.common.connector.source;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

/**
 * Turns a Kinesis record (a user record, after KPL de-aggregation) into zero or more values, with its
 * {@link RecordMetadata} at hand. {@link #of} adapts any Flink {@link DeserializationSchema}.
 */
public interface KinesisDeserializationSchema<T> extends Serializable, ResultTypeQueryable<T> {

    default void open(DeserializationSchema.InitializationContext context) throws Exception {}

    void deserialize(byte[] data, RecordMetadata metadata, Collector<T> out) throws IOException;

    /**
     * Called by the source reader before it takes a checkpoint: a schema that passes records elsewhere (a table's
     * error output) writes them out here, so the checkpoint covers only records that went somewhere.
     */
    default void flush() throws IOException {}

    /** Called when the source reader closes. */
    default void close() throws Exception {}

    /** The record's data through a Flink deserialization schema (the metadata is not used). */
    static <T> KinesisDeserializationSchema<T> of(DeserializationSchema<T> schema) {
        return new KinesisDeserializationSchema<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public void open(DeserializationSchema.InitializationContext context) throws Exception {
                schema.open(context);
            }

            @Override
            public void deserialize(byte[] data, RecordMetadata metadata, Collector<T> out) throws IOException {
                schema.deserialize(data, out);
            }

            @Override
            public TypeInformation<T> getProducedType() {
                return schema.getProducedType();
            }
        };
    }
}
