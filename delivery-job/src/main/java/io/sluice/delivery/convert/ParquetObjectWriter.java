package io.sluice.delivery.convert;

import io.sluice.common.parquet.StreamOutputFile;
import io.sluice.delivery.api.DataFormatConversion;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Writes rows as one Parquet file straight into the object's stream, in the layout Hive's {@code ParquetHiveSerDe}
 * (and so Firehose) gives a Glue table: message {@code hive_schema}, every column optional; string as UTF-8 binary;
 * tinyint/smallint as annotated int32; date as int32 {@code DATE}; timestamp as {@code INT96} (nanoseconds of the day
 * and Julian day, little-endian, UTC); decimal as a fixed-length big-endian two's complement; array as a
 * {@code LIST} group of {@code element}s, map as a {@code MAP} group of {@code key_value}s, struct as a group.
 * The {@code ParquetSerDe}'s compression (SNAPPY by default), block (row group) size (256 MiB), page size (1 MiB),
 * dictionary (on), writer version (V1) and maximum padding (0) are honoured.
 */
public final class ParquetObjectWriter implements ColumnarWriter {

    private static final long JULIAN_EPOCH_DAY = 2_440_588L;
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private final List<HiveType> types;
    private final MessageType schema;
    private final SimpleGroupFactory groups;
    private final ParquetWriter<Group> writer;

    public ParquetObjectWriter(List<GlueSchema.Column> columns, DataFormatConversion.ParquetSerDe serDe, OutputStream out)
            throws IOException {
        this.types = columns.stream().map(GlueSchema.Column::hiveType).toList();
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (int i = 0; i < columns.size(); i++) {
            message.addField(type(columns.get(i).name(), types.get(i)));
        }
        this.schema = message.named("hive_schema");
        this.groups = new SimpleGroupFactory(schema);
        this.writer = ExampleParquetWriter.builder(new StreamOutputFile(out))
                .withConf(new Configuration(false))
                .withType(schema)
                .withCompressionCodec(codec(serDe.compression()))
                .withRowGroupSize(valueOr(serDe.blockSizeBytes(), 256 * 1024 * 1024))
                .withPageSize(valueOr(serDe.pageSizeBytes(), 1024 * 1024))
                .withDictionaryEncoding(!Boolean.FALSE.equals(serDe.enableDictionaryCompression()))
                .withMaxPaddingSize(valueOr(serDe.maxPaddingBytes(), 0))
                .withWriterVersion("V2".equals(serDe.writerVersion())
                        ? ParquetProperties.WriterVersion.PARQUET_2_0 : ParquetProperties.WriterVersion.PARQUET_1_0)
                .build();
    }

    /** The Parquet schema a table's columns get. */
    public MessageType schema() {
        return schema;
    }

    @Override
    public void write(Object[] row) throws IOException {
        Group g = groups.newGroup();
        for (int i = 0; i < row.length; i++) {
            if (row[i] != null) {
                add(g, i, types.get(i), row[i]);
            }
        }
        writer.write(g);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static CompressionCodecName codec(String compression) {
        if ("GZIP".equals(compression)) {
            return CompressionCodecName.GZIP;
        }
        return "UNCOMPRESSED".equals(compression) ? CompressionCodecName.UNCOMPRESSED : CompressionCodecName.SNAPPY;
    }

    private static int valueOr(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static Type type(String name, HiveType t) {
        return type(name, t, Repetition.OPTIONAL);
    }

    private static Type type(String name, HiveType t, Repetition repetition) {
        switch (t.kind()) {
            case STRING:
            case CHAR:
            case VARCHAR:
                return Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(name);
            case TINYINT:
                return Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.intType(8, true)).named(name);
            case SMALLINT:
                return Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.intType(16, true)).named(name);
            case INT:
                return Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
            case BIGINT:
                return Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
            case FLOAT:
                return Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
            case DOUBLE:
                return Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
            case BOOLEAN:
                return Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            case TIMESTAMP:
                return Types.primitive(PrimitiveTypeName.INT96, repetition).named(name);
            case DATE:
                return Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType()).named(name);
            case DECIMAL:
                return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(decimalBytes(t.length()))
                        .as(LogicalTypeAnnotation.decimalType(t.scale(), t.length())).named(name);
            case ARRAY:
                return Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                        .addField(Types.repeatedGroup().addField(type("element", t.children().get(0))).named("list"))
                        .named(name);
            case MAP:
                return Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
                        .addField(Types.repeatedGroup()
                                .addField(type("key", t.children().get(0), Repetition.REQUIRED))
                                .addField(type("value", t.children().get(1)))
                                .named("key_value"))
                        .named(name);
            case STRUCT:
                Types.GroupBuilder<GroupType> struct = Types.buildGroup(repetition);
                for (int i = 0; i < t.children().size(); i++) {
                    struct.addField(type(t.fieldNames().get(i), t.children().get(i)));
                }
                return struct.named(name);
            default:
                throw new IllegalArgumentException("No Parquet type for " + t);
        }
    }

    /** Bytes of the smallest fixed-length two's complement that holds {@code precision} decimal digits. */
    static int decimalBytes(int precision) {
        int bytes = 1;
        while (Math.pow(2, 8 * bytes - 1) < Math.pow(10, precision)) {
            bytes++;
        }
        return bytes;
    }

    @SuppressWarnings("unchecked")
    private static void add(Group g, int field, HiveType t, Object v) {
        switch (t.kind()) {
            case STRING:
            case CHAR:
            case VARCHAR:
                g.add(field, (String) v);
                break;
            case TINYINT:
                g.add(field, ((Byte) v).intValue());
                break;
            case SMALLINT:
                g.add(field, ((Short) v).intValue());
                break;
            case INT:
                g.add(field, (Integer) v);
                break;
            case BIGINT:
                g.add(field, (Long) v);
                break;
            case FLOAT:
                g.add(field, (Float) v);
                break;
            case DOUBLE:
                g.add(field, (Double) v);
                break;
            case BOOLEAN:
                g.add(field, (Boolean) v);
                break;
            case TIMESTAMP:
                g.add(field, int96((Instant) v));
                break;
            case DATE:
                g.add(field, (int) ((LocalDate) v).toEpochDay());
                break;
            case DECIMAL:
                g.add(field, Binary.fromConstantByteArray(decimal((BigDecimal) v, decimalBytes(t.length()))));
                break;
            case ARRAY:
                Group list = g.addGroup(field);
                for (Object element : (List<Object>) v) {
                    Group item = list.addGroup(0);
                    if (element != null) {
                        add(item, 0, t.children().get(0), element);
                    }
                }
                break;
            case MAP:
                Group map = g.addGroup(field);
                for (Map.Entry<Object, Object> e : ((Map<Object, Object>) v).entrySet()) {
                    Group kv = map.addGroup(0);
                    add(kv, 0, t.children().get(0), e.getKey());
                    if (e.getValue() != null) {
                        add(kv, 1, t.children().get(1), e.getValue());
                    }
                }
                break;
            case STRUCT:
                Group struct = g.addGroup(field);
                Object[] fields = (Object[]) v;
                for (int i = 0; i < fields.length; i++) {
                    if (fields[i] != null) {
                        add(struct, i, t.children().get(i), fields[i]);
                    }
                }
                break;
            default:
                throw new IllegalArgumentException("No Parquet value for " + t);
        }
    }

    /** Hive's INT96 timestamp: nanoseconds of the day (8 bytes), then the Julian day (4 bytes), little-endian. */
    static Binary int96(Instant instant) {
        long epochNanosDay = Math.floorDiv(instant.getEpochSecond(), 86_400L);
        long nanosOfDay = Math.floorMod(instant.getEpochSecond(), 86_400L) * 1_000_000_000L + instant.getNano();
        if (nanosOfDay >= NANOS_PER_DAY) {
            throw new IllegalStateException("nanos of day out of range");
        }
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(nanosOfDay).putInt((int) (epochNanosDay + JULIAN_EPOCH_DAY));
        return Binary.fromConstantByteArray(b.array());
    }

    private static byte[] decimal(BigDecimal d, int length) {
        byte[] unscaled = d.unscaledValue().toByteArray();
        byte[] fixed = new byte[length];
        byte pad = (byte) (d.signum() < 0 ? 0xFF : 0x00);
        int offset = length - unscaled.length;
        for (int i = 0; i < length; i++) {
            fixed[i] = i < offset ? pad : unscaled[i - offset];
        }
        return fixed;
    }
}
