package io.sluice.delivery.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.delivery.api.DataFormatConversion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Glue tables read from the schema directory. */
class GlueSchemaTest {

    @TempDir
    Path dir;

    @Test
    void aTableFileGivesItsColumnsInOrderWithLowerCaseNames() throws Exception {
        write("analytics", "events", "{\"Columns\": [{\"Name\": \"UserId\", \"Type\": \"bigint\"}, {\"Name\": \"ts\", \"Type\": \"timestamp\"}]}");
        assertThat(GlueSchema.read(dir, "analytics", "events").columns()).containsExactly(
                new GlueSchema.Column("userid", "bigint"), new GlueSchema.Column("ts", "timestamp"));

        write("analytics", "from_cli", "{\"Table\": {\"Name\": \"from_cli\", \"StorageDescriptor\": {\"Columns\":"
                + " [{\"Name\": \"a\", \"Type\": \"array<int>\"}]}}}");
        assertThat(GlueSchema.read(dir, "analytics", "from_cli").columns()).containsExactly(new GlueSchema.Column("a", "array<int>"));
    }

    @Test
    void aMissingOrUnusableTableIsRefusedByName() throws Exception {
        assertThatThrownBy(() -> GlueSchema.read(dir, "analytics", "nope"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("The AWS Glue table analytics.nope does not exist (Sluice reads it from analytics/nope.json in"
                        + " sluice.firehose.schema-dir).");
        assertThatThrownBy(() -> GlueSchema.read(dir, "..", "passwd"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("The AWS Glue table ...passwd does not exist.");
        write("analytics", "empty", "{\"Columns\": []}");
        assertThatThrownBy(() -> GlueSchema.read(dir, "analytics", "empty"))
                .hasMessage("The AWS Glue table analytics.empty has no columns.");
        write("analytics", "bad", "{\"Columns\": [{\"Name\": \"b\", \"Type\": \"blob\"}]}");
        assertThatThrownBy(() -> GlueSchema.read(dir, "analytics", "bad"))
                .hasMessage("Column b of the AWS Glue table analytics.bad: Invalid type 'blob' at 4: type 'blob' is not supported");
    }

    @Test
    void theCatalogResolvesAConversionsTable() throws Exception {
        write("analytics", "events", "{\"Columns\": [{\"Name\": \"id\", \"Type\": \"int\"}]}");
        DataFormatConversion conversion = ConversionFixtures.parquet(null).withColumns(List.of());
        assertThat(new GlueCatalog(dir.toString()).resolve(conversion).columns()).containsExactly(new GlueSchema.Column("id", "int"));
        assertThatThrownBy(() -> GlueCatalog.none().resolve(conversion))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("The AWS Glue table analytics.events does not exist (no sluice.firehose.schema-dir is configured).");
    }

    private void write(String database, String table, String json) throws Exception {
        Files.createDirectories(dir.resolve(database));
        Files.writeString(dir.resolve(database).resolve(table + ".json"), json);
    }
}
