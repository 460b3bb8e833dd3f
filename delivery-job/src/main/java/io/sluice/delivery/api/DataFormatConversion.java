package io.sluice.delivery.api;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.wire.MemberChecks;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import io.sluice.delivery.convert.GlueSchema;
import java.util.List;
import java.util.Map;

/**
 * An S3 destination's {@code DataFormatConversionConfiguration}: records (JSON objects) are read by one
 * deserializer ({@code OpenXJsonSerDe} or {@code HiveJsonSerDe}) against the Glue table that
 * {@code SchemaConfiguration} names and written by one serializer ({@code ParquetSerDe} or {@code OrcSerDe}).
 * Members are kept as given (null when absent) so that DescribeDeliveryStream shows them back; {@code columns} is
 * the table as the registry read it at CreateDeliveryStream or UpdateDestination (see {@code GlueSchema}).
 */
public record DataFormatConversion(
        boolean enabled,
        OpenXJsonSerDe openX,
        HiveJsonSerDe hive,
        ParquetSerDe parquet,
        OrcSerDe orc,
        SchemaConfiguration schema,
        List<GlueSchema.Column> columns) {

    /** {@code OpenXJsonSerDe}: keys lower-cased unless {@code caseInsensitive} is false, mappings, dots. */
    public record OpenXJsonSerDe(Boolean caseInsensitive, Map<String, String> columnToJsonKeyMappings,
            Boolean convertDotsInJsonKeysToUnderscores) {}

    /** {@code HiveJsonSerDe}: the timestamp formats (Joda patterns or {@code millis}). */
    public record HiveJsonSerDe(List<String> timestampFormats) {}

    /** {@code ParquetSerDe}. */
    public record ParquetSerDe(String compression, Integer blockSizeBytes, Integer pageSizeBytes,
            Boolean enableDictionaryCompression, Integer maxPaddingBytes, String writerVersion) {}

    /**
     * {@code OrcSerDe}. {@code PaddingTolerance}, {@code BloomFilterFalsePositiveProbability} and
     * {@code DictionaryKeyThreshold} (tuning of the file layout, not of its rows) are not read.
     */
    public record OrcSerDe(String compression, Integer stripeSizeBytes, Integer blockSizeBytes, Integer rowIndexStride,
            Boolean enablePadding, List<String> bloomFilterColumns, String formatVersion) {}

    /** {@code SchemaConfiguration}: which Glue table. */
    public record SchemaConfiguration(String roleArn, String catalogId, String databaseName, String tableName,
            String region, String versionId) {}

    /** AWS's buffering for converted objects: at least 64 MiB, 128 MiB unless given. */
    public static final int MIN_BUFFER_MB = 64;
    public static final BufferingHints DEFAULT_HINTS = new BufferingHints(128, 300);

    enum ParquetCompression { UNCOMPRESSED, GZIP, SNAPPY }

    enum OrcCompression { NONE, ZLIB, SNAPPY }

    enum ParquetWriterVersion { V1, V2 }

    enum OrcFormatVersion { V0_11, V0_12 }

    /** Whether records are converted. */
    public boolean active() {
        return enabled;
    }

    /** The object extension AWS gives converted objects. */
    public String extension() {
        return parquet != null ? ".parquet" : ".orc";
    }

    /** This configuration with the columns of its table. */
    public DataFormatConversion withColumns(List<GlueSchema.Column> tableColumns) {
        return new DataFormatConversion(enabled, openX, hive, parquet, orc, schema, List.copyOf(tableColumns));
    }

    /** Reads {@code DataFormatConversionConfiguration} (absent: {@code current}) and checks it as AWS does. */
    static DataFormatConversion read(RequestReader r, String path, DataFormatConversion current, Violations v) {
        RequestReader c = r.struct("DataFormatConversionConfiguration");
        if (c == null) {
            return current;
        }
        String p = path + ".dataFormatConversionConfiguration";
        Boolean enabled = c.bool("Enabled");
        RequestReader deserializer = nested(c, "InputFormatConfiguration", "Deserializer");
        RequestReader serializer = nested(c, "OutputFormatConfiguration", "Serializer");
        OpenXJsonSerDe openX = deserializer == null ? null : openX(deserializer.struct("OpenXJsonSerDe"));
        HiveJsonSerDe hive = deserializer == null || deserializer.struct("HiveJsonSerDe") == null ? null
                : new HiveJsonSerDe(deserializer.struct("HiveJsonSerDe").stringList("TimestampFormats"));
        ParquetSerDe parquet = serializer == null ? null : parquet(serializer.struct("ParquetSerDe"), p, v);
        OrcSerDe orc = serializer == null ? null : orc(serializer.struct("OrcSerDe"), p, v);
        SchemaConfiguration schema = schema(c.struct("SchemaConfiguration"), p, v);
        v.throwIfAny();
        DataFormatConversion conversion = new DataFormatConversion(enabled == null || enabled, openX, hive, parquet, orc, schema,
                List.of());
        if (conversion.enabled) {
            conversion.checkComplete();
        }
        return conversion;
    }

    private void checkComplete() {
        if ((openX == null) == (hive == null)) {
            throw new InvalidArgumentException("InputFormatConfiguration must specify exactly one deserializer:"
                    + " OpenXJsonSerDe or HiveJsonSerDe.");
        }
        if ((parquet == null) == (orc == null)) {
            throw new InvalidArgumentException("OutputFormatConfiguration must specify exactly one serializer:"
                    + " ParquetSerDe or OrcSerDe.");
        }
        if (schema == null || schema.databaseName() == null || schema.tableName() == null || schema.roleArn() == null) {
            throw new InvalidArgumentException("SchemaConfiguration must specify DatabaseName, TableName and RoleARN"
                    + " when data format conversion is enabled.");
        }
    }

    private static RequestReader nested(RequestReader c, String outer, String inner) {
        RequestReader o = c.struct(outer);
        return o == null ? null : o.struct(inner);
    }

    private static OpenXJsonSerDe openX(RequestReader s) {
        if (s == null) {
            return null;
        }
        return new OpenXJsonSerDe(s.bool("CaseInsensitive"), s.stringMap("ColumnToJsonKeyMappings"),
                s.bool("ConvertDotsInJsonKeysToUnderscores"));
    }

    private static ParquetSerDe parquet(RequestReader s, String path, Violations v) {
        if (s == null) {
            return null;
        }
        String p = path + ".outputFormatConfiguration.serializer.parquetSerDe";
        MemberChecks.enumValue(v, s.string("Compression"), p + ".compression", ParquetCompression.class);
        MemberChecks.enumValue(v, s.string("WriterVersion"), p + ".writerVersion", ParquetWriterVersion.class);
        MemberChecks.range(v, s.integer("BlockSizeBytes"), p + ".blockSizeBytes", 67_108_864, Integer.MAX_VALUE);
        MemberChecks.range(v, s.integer("PageSizeBytes"), p + ".pageSizeBytes", 65_536, Integer.MAX_VALUE);
        MemberChecks.range(v, s.integer("MaxPaddingBytes"), p + ".maxPaddingBytes", 0, Integer.MAX_VALUE);
        return new ParquetSerDe(s.string("Compression"), s.integer("BlockSizeBytes"), s.integer("PageSizeBytes"),
                s.bool("EnableDictionaryCompression"), s.integer("MaxPaddingBytes"), s.string("WriterVersion"));
    }

    private static OrcSerDe orc(RequestReader s, String path, Violations v) {
        if (s == null) {
            return null;
        }
        String p = path + ".outputFormatConfiguration.serializer.orcSerDe";
        MemberChecks.enumValue(v, s.string("Compression"), p + ".compression", OrcCompression.class);
        MemberChecks.enumValue(v, s.string("FormatVersion"), p + ".formatVersion", OrcFormatVersion.class);
        MemberChecks.range(v, s.integer("StripeSizeBytes"), p + ".stripeSizeBytes", 8_388_608, Integer.MAX_VALUE);
        MemberChecks.range(v, s.integer("BlockSizeBytes"), p + ".blockSizeBytes", 67_108_864, Integer.MAX_VALUE);
        MemberChecks.range(v, s.integer("RowIndexStride"), p + ".rowIndexStride", 1000, Integer.MAX_VALUE);
        return new OrcSerDe(s.string("Compression"), s.integer("StripeSizeBytes"), s.integer("BlockSizeBytes"),
                s.integer("RowIndexStride"), s.bool("EnablePadding"), s.stringList("BloomFilterColumns"), s.string("FormatVersion"));
    }

    private static SchemaConfiguration schema(RequestReader s, String path, Violations v) {
        if (s == null) {
            return null;
        }
        String p = path + ".schemaConfiguration";
        MemberChecks.length(v, s.string("RoleARN"), p + ".roleARN", 1, 512);
        MemberChecks.pattern(v, s.string("RoleARN"), p + ".roleARN", FirehoseChecks.ROLE_ARN);
        MemberChecks.length(v, s.string("DatabaseName"), p + ".databaseName", 1, 1024);
        MemberChecks.length(v, s.string("TableName"), p + ".tableName", 1, 1024);
        MemberChecks.length(v, s.string("CatalogId"), p + ".catalogId", 1, 1024);
        MemberChecks.length(v, s.string("Region"), p + ".region", 1, 1024);
        MemberChecks.length(v, s.string("VersionId"), p + ".versionId", 1, 1024);
        return new SchemaConfiguration(s.string("RoleARN"), s.string("CatalogId"), s.string("DatabaseName"),
                s.string("TableName"), s.string("Region"), s.string("VersionId"));
    }
}
