package io.sluice.delivery.reply;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sluice.delivery.api.DataFormatConversion;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code DataFormatConversionConfiguration} in a DescribeDeliveryStream answer: the members as they were given. */
final class ConversionDescriptions {

    private ConversionDescriptions() {}

    static void write(JsonGenerator g, DataFormatConversion c) throws IOException {
        g.writeObjectFieldStart("DataFormatConversionConfiguration");
        if (c == null) {
            g.writeBooleanField("Enabled", false);
            g.writeEndObject();
            return;
        }
        if (c.schema() != null) {
            DataFormatConversion.SchemaConfiguration s = c.schema();
            g.writeObjectFieldStart("SchemaConfiguration");
            string(g, "RoleARN", s.roleArn());
            string(g, "CatalogId", s.catalogId());
            string(g, "DatabaseName", s.databaseName());
            string(g, "TableName", s.tableName());
            string(g, "Region", s.region());
            string(g, "VersionId", s.versionId());
            g.writeEndObject();
        }
        if (c.openX() != null || c.hive() != null) {
            g.writeObjectFieldStart("InputFormatConfiguration");
            g.writeObjectFieldStart("Deserializer");
            if (c.openX() != null) {
                g.writeObjectFieldStart("OpenXJsonSerDe");
                bool(g, "ConvertDotsInJsonKeysToUnderscores", c.openX().convertDotsInJsonKeysToUnderscores());
                bool(g, "CaseInsensitive", c.openX().caseInsensitive());
                map(g, "ColumnToJsonKeyMappings", c.openX().columnToJsonKeyMappings());
                g.writeEndObject();
            } else {
                g.writeObjectFieldStart("HiveJsonSerDe");
                list(g, "TimestampFormats", c.hive().timestampFormats());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        if (c.parquet() != null || c.orc() != null) {
            g.writeObjectFieldStart("OutputFormatConfiguration");
            g.writeObjectFieldStart("Serializer");
            if (c.parquet() != null) {
                DataFormatConversion.ParquetSerDe p = c.parquet();
                g.writeObjectFieldStart("ParquetSerDe");
                number(g, "BlockSizeBytes", p.blockSizeBytes());
                number(g, "PageSizeBytes", p.pageSizeBytes());
                string(g, "Compression", p.compression());
                bool(g, "EnableDictionaryCompression", p.enableDictionaryCompression());
                number(g, "MaxPaddingBytes", p.maxPaddingBytes());
                string(g, "WriterVersion", p.writerVersion());
                g.writeEndObject();
            } else {
                DataFormatConversion.OrcSerDe o = c.orc();
                g.writeObjectFieldStart("OrcSerDe");
                number(g, "StripeSizeBytes", o.stripeSizeBytes());
                number(g, "BlockSizeBytes", o.blockSizeBytes());
                number(g, "RowIndexStride", o.rowIndexStride());
                bool(g, "EnablePadding", o.enablePadding());
                string(g, "Compression", o.compression());
                list(g, "BloomFilterColumns", o.bloomFilterColumns());
                string(g, "FormatVersion", o.formatVersion());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeBooleanField("Enabled", c.enabled());
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void bool(JsonGenerator g, String name, Boolean value) throws IOException {
        if (value != null) {
            g.writeBooleanField(name, value);
        }
    }

    private static void number(JsonGenerator g, String name, Integer value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value);
        }
    }

    private static void list(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values != null) {
            g.writeArrayFieldStart(name);
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
    }

    private static void map(JsonGenerator g, String name, Map<String, String> values) throws IOException {
        if (values != null) {
            g.writeObjectFieldStart(name);
            for (Map.Entry<String, String> e : values.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
    }
}
