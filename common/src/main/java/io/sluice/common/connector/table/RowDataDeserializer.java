package io.sluice.common.connector.table;

import io.sluice.common.connector.errors.ErrorOutput;
import io.sluice.common.connector.errors.ErrorOutputSpec;
import io.sluice.common.connector.errors.ParseError;
import io.sluice.common.connector.source.KinesisDeserializationSchema;
import io.sluice.common.connector.source.RecordMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.utils.JoinedRowData;
import org.apache.flink.util.Collector;

/**
 * A table's rows from Kinesis records: the format decodes the physical columns, the metadata columns follow. With an
 * error output, a record the format cannot decode becomes a {@link ParseError} there and the reading goes on; without
 * one, the format's exception fails the source (or the format drops the record, with its {@code ignore-parse-errors}).
 */
final class RowDataDeserializer implements KinesisDeserializationSchema<RowData> {

    private static final long serialVersionUID = 1L;

    private final DeserializationSchema<RowData> format;
    private final List<ReadableMetadata> metadata;
    private final TypeInformation<RowData> producedType;
    /** Where parse errors go; null for none. */
    private final ErrorOutputSpec errorSpec;
    private transient ErrorOutput errors;
    /** With an error output, the format decodes into this first, so that only the format's failures are caught. */
    private transient List<RowData> decoded;

    RowDataDeserializer(DeserializationSchema<RowData> format, List<ReadableMetadata> metadata, TypeInformation<RowData> producedType,
            ErrorOutputSpec errorSpec) {
        this.format = format;
        this.metadata = List.copyOf(metadata);
        this.producedType = producedType;
        this.errorSpec = errorSpec;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        format.open(context);
        if (errorSpec != null) {
            errors = errorSpec.open();
            decoded = new ArrayList<>(1);
        }
    }

    @Override
    public void deserialize(byte[] data, RecordMetadata record, Collector<RowData> out) throws IOException {
        if (errors == null) {
            decode(data, record, out);
            return;
        }
        decoded.clear();
        try {
            decode(data, record, new Collector<>() {
                @Override
                public void collect(RowData row) {
                    decoded.add(row);
                }

                @Override
                public void close() {}
            });
        } catch (IOException | RuntimeException e) {
            errors.add(ParseError.of(e, data, record.arrivalMillis(), System.currentTimeMillis(), errorSpec.pumpName()));
            return;
        }
        decoded.forEach(out::collect);
    }

    private void decode(byte[] data, RecordMetadata record, Collector<RowData> out) throws IOException {
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
    public void flush() throws IOException {
        if (errors != null) {
            errors.flush();
        }
    }

    @Override
    public void close() {
        if (errors != null) {
            errors.close();
        }
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }
}
