package io.sluice.delivery.convert;

import io.sluice.delivery.api.DataFormatConversion;
import java.util.List;
import java.util.Map;

/** A table with every supported type, and the conversion configurations the tests use. */
final class ConversionFixtures {

    static final List<GlueSchema.Column> COLUMNS = List.of(
            new GlueSchema.Column("name", "string"),
            new GlueSchema.Column("tiny", "tinyint"),
            new GlueSchema.Column("small", "smallint"),
            new GlueSchema.Column("count", "int"),
            new GlueSchema.Column("big", "bigint"),
            new GlueSchema.Column("ratio", "float"),
            new GlueSchema.Column("price", "double"),
            new GlueSchema.Column("amount", "decimal(10,2)"),
            new GlueSchema.Column("active", "boolean"),
            new GlueSchema.Column("ts", "timestamp"),
            new GlueSchema.Column("day", "date"),
            new GlueSchema.Column("code", "varchar(3)"),
            new GlueSchema.Column("tags", "array<string>"),
            new GlueSchema.Column("scores", "map<string,int>"),
            new GlueSchema.Column("device", "struct<id:bigint,model:string,readings:array<double>>"));

    static final DataFormatConversion.SchemaConfiguration TABLE = new DataFormatConversion.SchemaConfiguration(
            "arn:aws:iam::123456789012:role/firehose", null, "analytics", "events", null, null);

    private ConversionFixtures() {}

    static DataFormatConversion openX(Boolean caseInsensitive, Map<String, String> mappings, Boolean dots, List<GlueSchema.Column> columns) {
        return new DataFormatConversion(true, new DataFormatConversion.OpenXJsonSerDe(caseInsensitive, mappings, dots), null,
                new DataFormatConversion.ParquetSerDe(null, null, null, null, null, null), null, TABLE, columns);
    }

    static DataFormatConversion hive(List<String> formats, List<GlueSchema.Column> columns) {
        return new DataFormatConversion(true, null, new DataFormatConversion.HiveJsonSerDe(formats),
                null, new DataFormatConversion.OrcSerDe(null, null, null, null, null, null, null), TABLE, columns);
    }

    static DataFormatConversion parquet(String compression) {
        return new DataFormatConversion(true, new DataFormatConversion.OpenXJsonSerDe(null, null, null), null,
                new DataFormatConversion.ParquetSerDe(compression, null, null, null, null, null), null, TABLE, COLUMNS);
    }

    static DataFormatConversion orc(String compression) {
        return new DataFormatConversion(true, new DataFormatConversion.OpenXJsonSerDe(null, null, null), null,
                null, new DataFormatConversion.OrcSerDe(compression, null, null, null, null, null, null), TABLE, COLUMNS);
    }
}
