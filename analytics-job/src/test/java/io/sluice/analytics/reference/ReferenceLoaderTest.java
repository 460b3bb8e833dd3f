package io.sluice.analytics.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.formats.csv.CsvRowDataDeserializationSchema;
import org.apache.flink.formats.json.JsonRowDataDeserializationSchema;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reference files through Flink's csv and json formats: rows by key, and a reload only of a changed file that reads whole. */
class ReferenceLoaderTest {

    /** (ticker STRING, company STRING, employees INT), keyed by ticker. */
    private static final RowType ROW = (RowType) DataTypes.ROW(DataTypes.FIELD("ticker", DataTypes.STRING()),
            DataTypes.FIELD("company", DataTypes.STRING()), DataTypes.FIELD("employees", DataTypes.INT())).getLogicalType();
    private static final RowData.FieldGetter[] BY_TICKER = {RowData.createFieldGetter(ROW.getTypeAt(0), 0)};

    @TempDir
    java.nio.file.Path dir;

    @Test
    void aCsvFileIsIndexedByItsKeyColumns() throws Exception {
        java.nio.file.Path file = write("companies.csv", "ticker,company,employees\nAMZN,Amazon,1500000\n\nMSFT,Microsoft,228000\nAMZN,Amazon Web Services,7\n");
        ReferenceTable table = new ReferenceLoader(path(file), csv(), BY_TICKER, true).load();

        assertThat(table.size()).isEqualTo(3);
        assertThat(table.lookup(key("AMZN"))).containsExactly(row("AMZN", "Amazon", 1_500_000), row("AMZN", "Amazon Web Services", 7));
        assertThat(table.lookup(key("MSFT"))).containsExactly(row("MSFT", "Microsoft", 228_000));
        assertThat(table.lookup(key("ORCL"))).isEmpty();
    }

    @Test
    void aJsonLinesFileDecodesOneObjectALine() throws Exception {
        java.nio.file.Path file = write("companies.json", "{\"ticker\":\"AMZN\",\"company\":\"Amazon\",\"employees\":1500000}\n"
                + "{\"ticker\":null,\"company\":\"nobody\"}\n{\"company\":\"Microsoft\",\"ticker\":\"MSFT\"}");
        ReferenceTable table = new ReferenceLoader(path(file), json(), BY_TICKER, false).load();

        assertThat(table.size()).isEqualTo(2); // a null key never matches: left out
        assertThat(table.lookup(key("AMZN"))).containsExactly(row("AMZN", "Amazon", 1_500_000));
        assertThat(table.lookup(key("MSFT"))).containsExactly(row("MSFT", "Microsoft", null));
    }

    @Test
    void aReloadHappensOnlyWhenTheFileChanged() throws Exception {
        java.nio.file.Path file = write("c.csv", "AMZN,Amazon,1\n");
        ReferenceLoader loader = new ReferenceLoader(path(file), csv(), BY_TICKER, false);
        ReferenceTable first = loader.load();
        assertThat(loader.reloadIfChanged(first)).isSameAs(first);

        replace(file, "AMZN,Amazon.com,2\nMSFT,Microsoft,3\n");
        ReferenceTable second = loader.reloadIfChanged(first);
        assertThat(second.lookup(key("AMZN"))).containsExactly(row("AMZN", "Amazon.com", 2));
        assertThat(second.lookup(key("MSFT"))).containsExactly(row("MSFT", "Microsoft", 3));
        assertThat(loader.reloadIfChanged(second)).isSameAs(second);
    }

    @Test
    void aFailedReloadKeepsThePreviousTable() throws Exception {
        java.nio.file.Path file = write("c.csv", "AMZN,Amazon,1\n");
        ReferenceLoader loader = new ReferenceLoader(path(file), csv(), BY_TICKER, false);
        ReferenceTable loaded = loader.load();

        replace(file, "AMZN,Amazon,1\nMSFT,Microsoft,not-a-number\n"); // e.g. cut off mid-way by a writer
        assertThat(loader.reloadIfChanged(loaded)).isSameAs(loaded);
        Files.delete(file);
        assertThat(loader.reloadIfChanged(loaded)).isSameAs(loaded);

        replace(file, "MSFT,Microsoft,228000\n");
        assertThat(loader.reloadIfChanged(loaded).lookup(key("MSFT"))).containsExactly(row("MSFT", "Microsoft", 228_000));
    }

    @Test
    void aFirstLoadThatFailsSaysWhy() throws Exception {
        java.nio.file.Path file = write("c.csv", "AMZN,Amazon,1\nMSFT,Microsoft,x\n");
        assertThatThrownBy(() -> new ReferenceLoader(path(file), csv(), BY_TICKER, false).load())
                .isInstanceOf(IOException.class).hasMessageStartingWith(path(file) + " line 2 does not decode");
        Path missing = path(dir.resolve("missing.csv"));
        assertThatThrownBy(() -> new ReferenceLoader(missing, csv(), BY_TICKER, false).load()).isInstanceOf(IOException.class);
    }

    private java.nio.file.Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** Replaces the file as a writer should (a new file moved over it), with a new modification time. */
    private void replace(java.nio.file.Path file, String content) throws IOException {
        java.nio.file.Path next = Files.writeString(dir.resolve("next.tmp"), content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(next, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2_000 + content.length()));
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path path(java.nio.file.Path file) {
        return new Path(file.toUri());
    }

    private static DeserializationSchema<RowData> csv() throws Exception {
        return opened(new CsvRowDataDeserializationSchema.Builder(ROW, InternalTypeInfo.of(ROW)).build());
    }

    private static DeserializationSchema<RowData> json() throws Exception {
        return opened(new JsonRowDataDeserializationSchema(ROW, InternalTypeInfo.of(ROW), false, false, TimestampFormat.SQL));
    }

    private static DeserializationSchema<RowData> opened(DeserializationSchema<RowData> schema) throws Exception {
        schema.open(new DeserializationSchema.InitializationContext() {
            @Override
            public MetricGroup getMetricGroup() {
                return new UnregisteredMetricsGroup();
            }

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                return SimpleUserCodeClassLoader.create(ReferenceLoaderTest.class.getClassLoader());
            }
        });
        return schema;
    }

    private static RowData key(String ticker) {
        return GenericRowData.of(StringData.fromString(ticker));
    }

    private static RowData row(String ticker, String company, Integer employees) {
        return GenericRowData.of(StringData.fromString(ticker), StringData.fromString(company), employees);
    }
}
