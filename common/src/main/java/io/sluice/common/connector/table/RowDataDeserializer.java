package io.sluice.common.connector.table;

import io.sluice.common.connector.source.KinesisDeserializationSchema;
import io.sluice.common.connector.source.RecordMetadata;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.utils.JoinedRowData;
import org.apache.flink.util.Collector;

/** A table's rows from Kinesis records: the format decodes the physical columns, the metadata columns follow. */
final class RowDataDeserializer implements KinesisDeserializationSchema<RowData> {

    private static final long serialVersionUID = 1L;

    private final DeserializationSchema<RowData> format;
    private final List<ReadableMetadata> metadata;
    private final TypeInformation<RowData> producedType;

    RowDataDeserializer(DeserializationSchema<RowData> format, List<ReadableMetadata> metadata, TypeInformation<RowData> producedType) {
        this.format = format;
        this.metadata = List.copyOf(metadata);
        this.producedType = producedType;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        format.open(context);
    }

    @Override
    public void deserialize(byte[] data, RecordMetadata record, Collector<RowData> out) throws IOException {
        if (metadata.isEmpty()) {
            format.deserialize(data, out);
            return;
        }
        format.deserialize(data, new Collector<>() {
            @Override
            public void collect(RowData physical) {
                GenericRowData columns = new GenericRowData(metadata.size());
                for (int i = 0; i < metadata.size(); i++) {
                    columns.setField(i, metadata.get(i).value(record));
                }
                out.collect(new JoinedRowData(physical.getRowKind(), physical, columns));
            }

            @Override
            public void close() {}
        });
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }
}
