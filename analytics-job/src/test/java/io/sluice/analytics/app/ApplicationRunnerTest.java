package io.sluice.analytics.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamStatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.table.api.config.ExecutionConfigOptions.UidGeneration;
import org.junit.jupiter.api.Test;

/** Planning an application: its job's name, operator ids that a savepoint of an earlier run matches, and its errors. */
class ApplicationRunnerTest {

    private static final String SOURCE = "CREATE TABLE src (k INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)"
            + " WITH ('connector' = 'datagen', 'fields.k.min' = '1', 'fields.k.max' = '3')";
    private static final String SINK = "CREATE TABLE counts (k INT, window_end TIMESTAMP(3), n BIGINT) WITH ('connector' = 'blackhole')";
    private static final String PUMP = "INSERT INTO counts SELECT k, window_end, COUNT(*)"
            + " FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY k, window_start, window_end";
    private static final SqlApplication APP = SqlApplication.of("counts", List.of(SOURCE, SINK, PUMP, PUMP.replace("COUNT(*)", "SUM(k)")));

    @Test
    void allPumpsFormOneJobNamedAfterTheApplication() {
        StreamTableEnvironment tables = tables();
        StreamStatementSet pumps = (StreamStatementSet) ApplicationRunner.plan(APP, tables);
        assertThat(tables.getConfig().get(PipelineOptions.NAME)).isEqualTo("counts");
        pumps.attachAsDataStream();
        // one source, two window aggregates and two sinks: both pumps are in the one graph
        assertThat(tables.explainSql(PUMP)).contains("WindowAggregate");
    }

    /**
     * The same application planned again, after other SQL in the same JVM, has the same operator ids: a savepoint of
     * one run restores into the next. With uids generated ALWAYS it would not: their ids count every plan of the JVM.
     */
    @Test
    void operatorIdsDoNotDependOnWhatWasPlannedBefore() {
        List<String> first = operatorIds(null);
        planSomethingElse();
        assertThat(operatorIds(null)).isEqualTo(first);

        List<String> always = operatorIds(UidGeneration.ALWAYS);
        planSomethingElse();
        assertThat(operatorIds(UidGeneration.ALWAYS)).isNotEqualTo(always);
    }

    @Test
    void aSqlErrorNamesTheLineOfTheFile() {
        String script = SOURCE + ";\n" + SINK + ";\n\nINSERT INTO counts\nSELECT k, nope, 1\nFROM src;";
        SqlApplication app = SqlApplication.fromScript("bad", "bad.sql", script, Placeholders.none());
        assertThatThrownBy(() -> ApplicationRunner.plan(app, tables())).isInstanceOf(ApplicationException.class)
                .hasMessageStartingWith("bad.sql line 5: SQL validation failed.")
                .hasMessageContaining("From line 2, column 11 to line 2, column 14: Column 'nope' not found in any table");
        SqlApplication parse = SqlApplication.fromScript("bad", "bad.sql", "CREATE TABLE x (a INT) WITH ('connector' = 'datagen');\n"
                + "CREATE TABEL y (a INT)", Placeholders.none());
        assertThatThrownBy(() -> ApplicationRunner.plan(parse, tables())).hasMessageStartingWith("bad.sql line 2: SQL parse failed.");
    }

    @Test
    void queriesWithoutAPumpAndAppsWithoutPumpsAreRefused() {
        assertThatThrownBy(() -> ApplicationRunner.plan(SqlApplication.of("q", List.of(SOURCE, "SELECT * FROM src")), tables()))
                .hasMessage("q line 2: an application runs DDL, SET and INSERT INTO statements (its pumps, which run as one job);"
                        + " SELECT has no place in it");
        assertThatThrownBy(() -> ApplicationRunner.plan(SqlApplication.of("ddl", List.of(SOURCE)), tables()))
                .hasMessage("ddl: no INSERT INTO statement, so nothing to run");
    }

    @Test
    void setStatementsConfigureThePumps() {
        StreamTableEnvironment tables = tables();
        ApplicationRunner.plan(SqlApplication.of("s", List.of("SET 'table.exec.source.idle-timeout' = '2 s'", SOURCE, SINK, PUMP)), tables);
        assertThat(tables.getConfig().getConfiguration().toMap()).containsEntry("table.exec.source.idle-timeout", "2 s");
        assertThatThrownBy(() -> ApplicationRunner.plan(SqlApplication.of("s", List.of(SOURCE, "SET parallelism.default = 2")), tables()))
                .hasMessage("s line 2: expected SET 'key' = 'value'");
    }

    private static List<String> operatorIds(UidGeneration generation) {
        StreamTableEnvironment tables = tables();
        if (generation != null) {
            tables.getConfig().set(ExecutionConfigOptions.TABLE_EXEC_UID_GENERATION, generation);
        }
        ((StreamStatementSet) ApplicationRunner.plan(APP, tables)).attachAsDataStream();
        JobGraph graph = ((org.apache.flink.table.api.bridge.java.internal.StreamTableEnvironmentImpl) tables).execEnv().getStreamGraph().getJobGraph();
        List<String> ids = new ArrayList<>();
        for (JobVertex vertex : graph.getVerticesSortedTopologicallyFromSources()) {
            vertex.getOperatorIDs().forEach(id -> ids.add(id.getGeneratedOperatorID().toString()));
        }
        return ids;
    }

    private static void planSomethingElse() {
        StreamTableEnvironment tables = tables();
        tables.executeSql(SOURCE);
        tables.explainSql("SELECT k, COUNT(*) FROM src GROUP BY k");
    }

    private static StreamTableEnvironment tables() {
        return StreamTableEnvironment.create(StreamExecutionEnvironment.getExecutionEnvironment());
    }
}
