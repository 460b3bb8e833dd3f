package io.sluice.analytics.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamStatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every application in {@code sql/} plans with its placeholders' defaults: its SQL is valid Flink SQL (tests/ runs them). */
class SqlExamplesTest {

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "sql"))) {
            return files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void plans(Path file) {
        StreamTableEnvironment tables = StreamTableEnvironment.create(StreamExecutionEnvironment.getExecutionEnvironment());
        SqlApplication app = SqlApplication.fromFile(file, Placeholders.none());
        ((StreamStatementSet) ApplicationRunner.plan(app, tables)).attachAsDataStream();
        assertThat(app.statements()).isNotEmpty();
    }
}
