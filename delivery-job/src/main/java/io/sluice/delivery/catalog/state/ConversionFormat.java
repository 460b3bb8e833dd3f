package io.sluice.delivery.catalog.state;

import static io.sluice.delivery.catalog.state.StateFields.readList;
import static io.sluice.delivery.catalog.state.StateFields.readNullable;
import static io.sluice.delivery.catalog.state.StateFields.readNullableBoolean;
import static io.sluice.delivery.catalog.state.StateFields.readNullableInt;
import static io.sluice.delivery.catalog.state.StateFields.readString;
import static io.sluice.delivery.catalog.state.StateFields.readStringMap;
import static io.sluice.delivery.catalog.state.StateFields.readStrings;
import static io.sluice.delivery.catalog.state.StateFields.writeList;
import static io.sluice.delivery.catalog.state.StateFields.writeNullable;
import static io.sluice.delivery.catalog.state.StateFields.writeNullableBoolean;
import static io.sluice.delivery.catalog.state.StateFields.writeNullableInt;
import static io.sluice.delivery.catalog.state.StateFields.writeString;
import static io.sluice.delivery.catalog.state.StateFields.writeStringMap;
import static io.sluice.delivery.catalog.state.StateFields.writeStrings;

import io.sluice.delivery.api.DataFormatConversion;
import io.sluice.delivery.api.DataFormatConversion.HiveJsonSerDe;
import io.sluice.delivery.api.DataFormatConversion.OpenXJsonSerDe;
import io.sluice.delivery.api.DataFormatConversion.OrcSerDe;
import io.sluice.delivery.api.DataFormatConversion.ParquetSerDe;
import io.sluice.delivery.api.DataFormatConversion.SchemaConfiguration;
import io.sluice.delivery.convert.GlueSchema;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link DataFormatConversion} in catalog state (version 2): {@code enabled} (boolean), then the nullable parts
 * {@code openX}, {@code hive}, {@code parquet}, {@code orc}, {@code schema}, each member in its record's order (see
 * {@link StateFields} for the encodings), then {@code columns} as a list of (name, type).
 */
final class ConversionFormat {

    private ConversionFormat() {}

    static void write(DataFormatConversion c, DataOutputView out) throws IOException {
        out.writeBoolean(c.enabled());
        writeNullable(c.openX(), out, ConversionFormat::writeOpenX);
        writeNullable(c.hive(), out, (h, o) -> writeStrings(h.timestampFormats(), o));
        writeNullable(c.parquet(), out, ConversionFormat::writeParquet);
        writeNullable(c.orc(), out, ConversionFormat::writeOrc);
        writeNullable(c.schema(), out, ConversionFormat::writeSchema);
        writeList(c.columns(), out, ConversionFormat::writeColumn);
    }

    static DataFormatConversion read(DataInputView in) throws IOException {
        boolean enabled = in.readBoolean();
        OpenXJsonSerDe openX = readNullable(in, ConversionFormat::readOpenX);
        HiveJsonSerDe hive = readNullable(in, i -> new HiveJsonSerDe(readStrings(i)));
        ParquetSerDe parquet = readNullable(in, ConversionFormat::readParquet);
        OrcSerDe orc = readNullable(in, ConversionFormat::readOrc);
        SchemaConfiguration schema = readNullable(in, ConversionFormat::readSchema);
        return new DataFormatConversion(enabled, openX, hive, parquet, orc, schema, readList(in, ConversionFormat::readColumn));
    }

    private static void writeOpenX(OpenXJsonSerDe s, DataOutputView out) throws IOException {
        writeNullableBoolean(s.caseInsensitive(), out);
        writeStringMap(s.columnToJsonKeyMappings(), out);
        writeNullableBoolean(s.convertDotsInJsonKeysToUnderscores(), out);
    }

    private static OpenXJsonSerDe readOpenX(DataInputView in) throws IOException {
        Boolean caseInsensitive = readNullableBoolean(in);
        return new OpenXJsonSerDe(caseInsensitive, readStringMap(in), readNullableBoolean(in));
    }

    private static void writeParquet(ParquetSerDe s, DataOutputView out) throws IOException {
        writeString(s.compression(), out);
        writeNullableInt(s.blockSizeBytes(), out);
        writeNullableInt(s.pageSizeBytes(), out);
        writeNullableBoolean(s.enableDictionaryCompression(), out);
        writeNullableInt(s.maxPaddingBytes(), out);
        writeString(s.writerVersion(), out);
    }

    private static ParquetSerDe readParquet(DataInputView in) throws IOException {
        String compression = readString(in);
        Integer blockSize = readNullableInt(in);
        Integer pageSize = readNullableInt(in);
        Boolean dictionary = readNullableBoolean(in);
        Integer maxPadding = readNullableInt(in);
        return new ParquetSerDe(compression, blockSize, pageSize, dictionary, maxPadding, readString(in));
    }

    private static void writeOrc(OrcSerDe s, DataOutputView out) throws IOException {
        writeString(s.compression(), out);
        writeNullableInt(s.stripeSizeBytes(), out);
        writeNullableInt(s.blockSizeBytes(), out);
        writeNullableInt(s.rowIndexStride(), out);
        writeNullableBoolean(s.enablePadding(), out);
        writeStrings(s.bloomFilterColumns(), out);
        writeString(s.formatVersion(), out);
    }

    private static OrcSerDe readOrc(DataInputView in) throws IOException {
        String compression = readString(in);
        Integer stripeSize = readNullableInt(in);
        Integer blockSize = readNullableInt(in);
        Integer rowIndexStride = readNullableInt(in);
        Boolean padding = readNullableBoolean(in);
        return new OrcSerDe(compression, stripeSize, blockSize, rowIndexStride, padding, readStrings(in), readString(in));
    }

    private static void writeSchema(SchemaConfiguration s, DataOutputView out) throws IOException {
        writeString(s.roleArn(), out);
        writeString(s.catalogId(), out);
        writeString(s.databaseName(), out);
        writeString(s.tableName(), out);
        writeString(s.region(), out);
        writeString(s.versionId(), out);
    }

    private static SchemaConfiguration readSchema(DataInputView in) throws IOException {
        String roleArn = readString(in);
        String catalogId = readString(in);
        String database = readString(in);
        String table = readString(in);
        String region = readString(in);
        return new SchemaConfiguration(roleArn, catalogId, database, table, region, readString(in));
    }

    private static void writeColumn(GlueSchema.Column column, DataOutputView out) throws IOException {
        writeString(column.name(), out);
        writeString(column.type(), out);
    }

    private static GlueSchema.Column readColumn(DataInputView in) throws IOException {
        String name = readString(in);
        return new GlueSchema.Column(name, readString(in));
    }
}
