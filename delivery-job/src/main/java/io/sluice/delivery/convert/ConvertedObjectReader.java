package io.sluice.delivery.convert;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
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
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/**
 * Reads a converted object back with the Parquet or ORC library's own reader, into rows of Java values of the same
 * kinds {@link JsonRecordReader} makes (a struct as a {@code List} of its fields): for tests and tools that check
 * what was delivered. The object goes through a temporary file, as both readers want one.
 */
public final class ConvertedObjectReader {

    private ConvertedObjectReader() {}

    /** The rows of a Parquet object written for {@code columns}. */
    public static List<List<Object>> parquet(byte[] object, List<GlueSchema.Column> columns) throws IOException {
        List<HiveType> types = columns.stream().map(GlueSchema.Column::hiveType).toList();
        java.nio.file.Path file = Files.createTempFile("sluice-read", ".parquet");
        try {
            Files.write(file, object);
            List<List<Object>> rows = new ArrayList<>();
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), new Path(file.toUri()))
                    .withConf(new Configuration()).build()) {
                for (Group g = reader.read(); g != null; g = reader.read()) {
                    rows.add(fields(g, types));
                }
            }
            return rows;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The rows of an ORC object written for {@code columns}. */
    public static List<List<Object>> orc(byte[] object, List<GlueSchema.Column> columns) throws IOException {
        List<HiveType> types = columns.stream().map(GlueSchema.Column::hiveType).toList();
        java.nio.file.Path file = Files.createTempFile("sluice-read", ".orc");
        try {
            Files.write(file, object);
            List<List<Object>> rows = new ArrayList<>();
            try (Reader reader = OrcFile.createReader(new Path(file.toUri()), OrcFile.readerOptions(new Configuration()).useUTCTimestamp(true));
                    RecordReader records = reader.rows()) {
                VectorizedRowBatch batch = reader.getSchema().createRowBatch();
                while (records.nextBatch(batch)) {
                    for (int r = 0; r < batch.size; r++) {
                        List<Object> row = new ArrayList<>();
                        for (int c = 0; c < types.size(); c++) {
                            row.add(orcValue(batch.cols[c], r, types.get(c)));
                        }
                        rows.add(row);
                    }
                }
            }
            return rows;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<Object> fields(Group g, List<HiveType> types) {
        List<Object> row = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            row.add(g.getFieldRepetitionCount(i) == 0 ? null : parquetValue(g, i, types.get(i)));
        }
        return row;
    }

    private static Object parquetValue(Group g, int field, HiveType t) {
        switch (t.kind()) {
            case STRING:
            case CHAR:
            case VARCHAR:
                return g.getString(field, 0);
            case TINYINT:
                return (byte) g.getInteger(field, 0);
            case SMALLINT:
                return (short) g.getInteger(field, 0);
            case INT:
                return g.getInteger(field, 0);
            case BIGINT:
                return g.getLong(field, 0);
            case FLOAT:
                return g.getFloat(field, 0);
            case DOUBLE:
                return g.getDouble(field, 0);
            case BOOLEAN:
                return g.getBoolean(field, 0);
            case DATE:
                return LocalDate.ofEpochDay(g.getInteger(field, 0));
            case TIMESTAMP:
                ByteBuffer b = ByteBuffer.wrap(g.getInt96(field, 0).getBytes()).order(ByteOrder.LITTLE_ENDIAN);
                long nanosOfDay = b.getLong();
                long epochDay = b.getInt() - 2_440_588L;
                return Instant.ofEpochSecond(epochDay * 86_400L, nanosOfDay);
            case DECIMAL:
                return new BigDecimal(new BigInteger(g.getBinary(field, 0).getBytes()), t.scale());
            case ARRAY:
                Group list = g.getGroup(field, 0);
                List<Object> elements = new ArrayList<>();
                for (int i = 0; i < list.getFieldRepetitionCount(0); i++) {
                    Group item = list.getGroup(0, i);
                    elements.add(item.getFieldRepetitionCount(0) == 0 ? null : parquetValue(item, 0, t.children().get(0)));
                }
                return elements;
            case MAP:
                Group map = g.getGroup(field, 0);
                Map<Object, Object> entries = new LinkedHashMap<>();
                for (int i = 0; i < map.getFieldRepetitionCount(0); i++) {
                    Group kv = map.getGroup(0, i);
                    entries.put(parquetValue(kv, 0, t.children().get(0)),
                            kv.getFieldRepetitionCount(1) == 0 ? null : parquetValue(kv, 1, t.children().get(1)));
                }
                return entries;
            case STRUCT:
                return fields(g.getGroup(field, 0), t.children());
            default:
                throw new IllegalArgumentException("Cannot read " + t);
        }
    }

    private static Object orcValue(ColumnVector v, int r, HiveType t) {
        int row = v.isRepeating ? 0 : r;
        if (!v.noNulls && v.isNull[row]) {
            return null;
        }
        switch (t.kind()) {
            case STRING:
            case CHAR:
            case VARCHAR:
                BytesColumnVector bv = (BytesColumnVector) v;
                return new String(Arrays.copyOfRange(bv.vector[row], bv.start[row], bv.start[row] + bv.length[row]),
                        StandardCharsets.UTF_8);
            case TINYINT:
                return (byte) ((LongColumnVector) v).vector[row];
            case SMALLINT:
                return (short) ((LongColumnVector) v).vector[row];
            case INT:
                return (int) ((LongColumnVector) v).vector[row];
            case BIGINT:
                return ((LongColumnVector) v).vector[row];
            case BOOLEAN:
                return ((LongColumnVector) v).vector[row] != 0;
            case DATE:
                return LocalDate.ofEpochDay(((LongColumnVector) v).vector[row]);
            case FLOAT:
                return (float) ((DoubleColumnVector) v).vector[row];
            case DOUBLE:
                return ((DoubleColumnVector) v).vector[row];
            case TIMESTAMP:
                return ((TimestampColumnVector) v).asScratchTimestamp(row).toInstant();
            case DECIMAL:
                return ((DecimalColumnVector) v).vector[row].getHiveDecimal().bigDecimalValue().setScale(t.scale());
            case ARRAY:
                ListColumnVector lv = (ListColumnVector) v;
                List<Object> elements = new ArrayList<>();
                for (long i = lv.offsets[row]; i < lv.offsets[row] + lv.lengths[row]; i++) {
                    elements.add(orcValue(lv.child, (int) i, t.children().get(0)));
                }
                return elements;
            case MAP:
                MapColumnVector mv = (MapColumnVector) v;
                Map<Object, Object> entries = new LinkedHashMap<>();
                for (long i = mv.offsets[row]; i < mv.offsets[row] + mv.lengths[row]; i++) {
                    entries.put(orcValue(mv.keys, (int) i, t.children().get(0)), orcValue(mv.values, (int) i, t.children().get(1)));
                }
                return entries;
            case STRUCT:
                StructColumnVector sv = (StructColumnVector) v;
                List<Object> fields = new ArrayList<>();
                for (int f = 0; f < t.children().size(); f++) {
                    fields.add(orcValue(sv.fields[f], row, t.children().get(f)));
                }
                return fields;
            default:
                throw new IllegalArgumentException("Cannot read " + t);
        }
    }
}
