package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.api.Test;

/** The {@code kinesis} table's reading options as a user types them: accepted values plan, bad ones name the option. */
class KinesisTableOptionsTest {

    @Test
    void aReadRateIsAMemorySizeAndMustBePositive() {
        TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tables.executeSql(table("paced", "'scan.shard.read-rate' = '2mb'"));
        tables.executeSql(table("unpaced", "'scan.shard.discovery.interval' = '1 s'"));
        tables.executeSql(table("zero", "'scan.shard.read-rate' = '0b'"));
        tables.executeSql(table("words", "'scan.shard.read-rate' = 'fast'"));

        assertThat(tables.explainSql("SELECT * FROM paced")).contains("TableSourceScan(table=[[default_catalog, default_database, paced]]");
        assertThat(tables.explainSql("SELECT * FROM unpaced")).contains("TableSourceScan(table=[[default_catalog, default_database, unpaced]]");
        assertThatThrownBy(() -> tables.explainSql("SELECT * FROM zero")).rootCause()
                .hasMessage("scan.shard.read-rate must be positive, not 0");
        assertThatThrownBy(() -> tables.explainSql("SELECT * FROM words")).hasStackTraceContaining("scan.shard.read-rate");
    }

    private static String table(String name, String option) {
        return "CREATE TABLE " + name + " (v STRING) WITH ('connector' = 'kinesis', 'stream' = 's', 'format' = 'json',"
                + " 'aws.endpoint' = 'http://127.0.0.1:1', " + option + ")";
    }
}
