package io.sluice.ingest.replay;

import io.sluice.common.parquet.StreamOutputFile;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * One Parquet file of replayed records, SNAPPY-compressed, with the JSON lines' columns: {@code stream},
 * {@code shardId}, {@code sequenceNumber}, {@code partitionKey}, {@code explicitHashKey} (optional) as UTF-8 strings,
 * {@code subSequenceNumber} as int64, {@code arrivalTime} as int64 {@code TIMESTAMP(MILLIS, UTC)} and {@code data} as
 * binary. Row groups are {@link #ROW_GROUP_BYTES}: Parquet holds one in memory, so this is what a part costs in heap.
 */
final class ParquetRecordWriter implements ReplayRecordWriter {

    static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("stream")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("shardId")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("sequenceNumber")
            .required(PrimitiveTypeName.INT64).named("subSequenceNumber")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("partitionKey")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("explicitHashKey")
            .required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS))
            .named("arrivalTime")
            .required(PrimitiveTypeName.BINARY).named("data")
            .named("replayed_record");

    /** Row group size: small enough for a replay under a small heap. */
    static final int ROW_GROUP_BYTES = 16 << 20;

    private final SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    private final ParquetWriter<Group> writer;

    ParquetRecordWriter(OutputStream out) throws IOException {
        writer = ExampleParquetWriter.builder(new StreamOutputFile(out))
                .withType(SCHEMA)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .build();
    }

    @Override
    public void write(ReplayedRecord r) throws IOException {
        Group g = groups.newGroup()
                .append("stream", r.stream())
                .append("shardId", r.shardId())
                .append("sequenceNumber", r.sequenceNumber())
                .append("subSequenceNumber", r.subSequenceNumber())
                .append("partitionKey", r.partitionKey());
        if (r.explicitHashKey() != null) {
            g.append("explicitHashKey", r.explicitHashKey());
        }
        g.append("arrivalTime", r.arrivalTime()).append("data", Binary.fromConstantByteArray(r.data()));
        writer.write(g);
    }

    @Override
    public long size() {
        return writer.getDataSize();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
