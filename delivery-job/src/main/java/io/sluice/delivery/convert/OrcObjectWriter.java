package io.sluice.delivery.convert;

import io.sluice.delivery.api.DataFormatConversion;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.orc.CompressionKind;
import org.apache.orc.OrcFile;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;
import org.apache.orc.impl.PhysicalFsWriter;
import org.apache.orc.impl.writer.WriterEncryptionVariant;
import org.apache.orc.storage.common.type.HiveDecimal;
import org.apache.orc.storage.ql.exec.vector.BytesColumnVector;
import org.apache.orc.storage.ql.exec.vector.ColumnVector;
import org.apache.orc.storage.ql.exec.vector.DecimalColumnVector;
import org.apache.orc.storage.ql.exec.vector.DoubleColumnVector;
import org.apache.orc.storage.ql.exec.vector.ListColumnVector;
import org.apache.orc.storage.ql.exec.vector.LongColumnVector;
import org.apache.orc.storage.ql.exec.vector.MapColumnVector;
import org.apache.orc.storage.ql.exec.vector.StructColumnVector;
import org.apache.orc.storage.ql.exec.vector.TimestampColumnVector;
import org.apache.orc.storage.ql.exec.vector.VectorizedRowBatch;

/**
 * Writes rows as one ORC file straight into the object's stream (ORC's {@link PhysicalFsWriter} over it, so no
 * temporary file), with the table as ORC's {@code struct<...>} schema in Hive's types and timestamps in UTC. The
 * {@code OrcSerDe}'s compression (SNAPPY by default; ZLIB, NONE), stripe size (64 MiB), block size (256 MiB), row index
 * stride (10,000), padding (off), bloom filter columns and format version (V0_12) are honoured.
 */
public final class OrcObjectWriter implements ColumnarWriter {

    private final List<HiveType> types;
    private final Writer writer;
    private final VectorizedRowBatch batch;

    public OrcObjectWriter(List<GlueSchema.Column> columns, DataFormatConversion.OrcSerDe serDe, OutputStream out)
            throws IOException {
        this.types = columns.stream().map(GlueSchema.Column::hiveType).toList();
        TypeDescription schema = schema(columns);
        Configuration conf = new Configuration(false);
        OrcFile.WriterOptions options = OrcFile.writerOptions(conf)
                .setSchema(schema)
                .useUTCTimestamp(true)
                .compress(compression(serDe.compression()))
                .stripeSize(serDe.stripeSizeBytes() == null ? 64L * 1024 * 1024 : serDe.stripeSizeBytes())
                .blockSize(serDe.blockSizeBytes() == null ? 256L * 1024 * 1024 : serDe.blockSizeBytes())
                .rowIndexStride(serDe.rowIndexStride() == null ? 10_000 : serDe.rowIndexStride())
                .blockPadding(Boolean.TRUE.equals(serDe.enablePadding()))
                .version("V0_11".equals(serDe.formatVersion()) ? OrcFile.Version.V_0_11 : OrcFile.Version.V_0_12);
        if (serDe.bloomFilterColumns() != null && !serDe.bloomFilterColumns().isEmpty()) {
            options.bloomFilterColumns(String.join(",", serDe.bloomFilterColumns()));
        }
        options.physicalWriter(new PhysicalFsWriter(new FSDataOutputStream(out, null), options, new WriterEncryptionVariant[0]));
        // The path only names the writer (ORC's JVM-wide, synchronized memory manager keys writers by it, hence unique):
        // nothing is written there.
        this.writer = OrcFile.createWriter(new Path("file:///sluice-orc-" + UUID.randomUUID()),
                options.fileSystem(FileSystem.getLocal(conf)));
        this.batch = schema.createRowBatch();
    }

    /** The ORC schema of a table's columns. */
    public static TypeDescription schema(List<GlueSchema.Column> columns) {
        TypeDescription struct = TypeDescription.createStruct();
        for (GlueSchema.Column c : columns) {
            struct.addField(c.name(), TypeDescription.fromString(c.hiveType().toString()));
        }
        return struct;
    }

    @Override
    public void write(Object[] row) throws IOException {
        int r = batch.size++;
        for (int i = 0; i < row.length; i++) {
            set(batch.cols[i], r, types.get(i), row[i]);
        }
        if (batch.size == batch.getMaxSize()) {
            flushBatch();
        }
    }

    @Override
    public void close() throws IOException {
        if (batch.size > 0) {
            flushBatch();
        }
        writer.close();
    }

    private void flushBatch() throws IOException {
        writer.addRowBatch(batch);
        batch.reset();
    }

    private static CompressionKind compression(String compression) {
        if ("ZLIB".equals(compression)) {
            return CompressionKind.ZLIB;
        }
        return "NONE".equals(compression) ? CompressionKind.NONE : CompressionKind.SNAPPY;
    }

    @SuppressWarnings("unchecked")
    private static void set(ColumnVector v, int r, HiveType t, Object value) {
        if (value == null) {
            v.noNulls = false;
            v.isNull[r] = true;
            return;
        }
        v.isNull[r] = false;
        switch (t.kind()) {
            case STRING:
            case CHAR:
            case VARCHAR:
                ((BytesColumnVector) v).setVal(r, ((String) value).getBytes(StandardCharsets.UTF_8));
                break;
            case TINYINT:
            case SMALLINT:
            case INT:
            case BIGINT:
                ((LongColumnVector) v).vector[r] = ((Number) value).longValue();
                break;
            case BOOLEAN:
                ((LongColumnVector) v).vector[r] = ((Boolean) value) ? 1 : 0;
                break;
            case DATE:
                ((LongColumnVector) v).vector[r] = ((LocalDate) value).toEpochDay();
                break;
            case FLOAT:
            case DOUBLE:
                ((DoubleColumnVector) v).vector[r] = ((Number) value).doubleValue();
                break;
            case TIMESTAMP:
                ((TimestampColumnVector) v).set(r, Timestamp.from((Instant) value));
                break;
            case DECIMAL:
                ((DecimalColumnVector) v).set(r, HiveDecimal.create((BigDecimal) value));
                break;
            case ARRAY:
                List<Object> list = (List<Object>) value;
                ListColumnVector lv = (ListColumnVector) v;
                int start = lv.childCount;
                lv.offsets[r] = start;
                lv.lengths[r] = list.size();
                lv.childCount += list.size();
                lv.child.ensureSize(lv.childCount, true);
                for (int i = 0; i < list.size(); i++) {
                    set(lv.child, start + i, t.children().get(0), list.get(i));
                }
                break;
            case MAP:
                Map<Object, Object> map = (Map<Object, Object>) value;
                MapColumnVector mv = (MapColumnVector) v;
                int first = mv.childCount;
                mv.offsets[r] = first;
                mv.lengths[r] = map.size();
                mv.childCount += map.size();
                mv.keys.ensureSize(mv.childCount, true);
                mv.values.ensureSize(mv.childCount, true);
                int i = first;
                for (Map.Entry<Object, Object> e : map.entrySet()) {
                    set(mv.keys, i, t.children().get(0), e.getKey());
                    set(mv.values, i, t.children().get(1), e.getValue());
                    i++;
                }
                break;
            case STRUCT:
                Object[] fields = (Object[]) value;
                StructColumnVector sv = (StructColumnVector) v;
                for (int f = 0; f < fields.length; f++) {
                    set(sv.fields[f], r, t.children().get(f), fields[f]);
                }
                break;
            default:
                throw new IllegalArgumentException("No ORC value for " + t);
        }
    }
}
