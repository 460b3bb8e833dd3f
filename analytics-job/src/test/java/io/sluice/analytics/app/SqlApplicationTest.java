package io.sluice.analytics.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlApplicationTest {

    @TempDir
    Path dir;

    @Test
    void aFileIsNamedWithoutItsExtensionAndItsPlaceholdersAreFilled() throws Exception {
        Path file = Files.writeString(dir.resolve("tumbling-count.sql"),
                "CREATE TABLE s (x INT) WITH ('stream' = '${STREAM}', 'aws.endpoint' = '${ENDPOINT:-http://localhost:4567}');\n"
                        + "INSERT INTO t SELECT x FROM s");
        SqlApplication app = SqlApplication.fromFile(file, Placeholders.of(Map.of("STREAM", "ticks")));
        assertThat(app.name()).isEqualTo("tumbling-count");
        assertThat(app.source()).isEqualTo(file.toString());
        assertThat(app.statements()).extracting(SqlStatement::sql).containsExactly(
                "CREATE TABLE s (x INT) WITH ('stream' = 'ticks', 'aws.endpoint' = 'http://localhost:4567')",
                "INSERT INTO t SELECT x FROM s");
    }

    @Test
    void aGivenValueWinsOverTheDefault() {
        SqlApplication app = SqlApplication.fromScript("a", "a.sql", "SELECT '${E:-x}', '${E}$'", Placeholders.of(Map.of("E", "y")));
        assertThat(app.statements().get(0).sql()).isEqualTo("SELECT 'y', 'y$'");
    }

    @Test
    void aPlaceholderWithoutValueIsAnErrorNamingFileAndLine() {
        assertThatThrownBy(() -> SqlApplication.fromScript("a", "a.sql", "SELECT 1;\nSELECT\n '${STREAM}'", Placeholders.none()))
                .isInstanceOf(ApplicationException.class).hasMessage("a.sql line 3: ${STREAM} has no value; pass STREAM=VALUE");
    }

    @Test
    void aMissingFileSaysSo() {
        Path missing = dir.resolve("nope.sql");
        assertThatThrownBy(() -> SqlApplication.fromFile(missing, Placeholders.none())).hasMessage(missing + ": no such file");
    }

    @Test
    void statementsFromAProgramAreNumbered() {
        SqlApplication app = SqlApplication.of("translated", List.of("CREATE TABLE a (x INT) ", "INSERT INTO b SELECT x FROM a"));
        assertThat(app.statements()).containsExactly(new SqlStatement("CREATE TABLE a (x INT)", 1),
                new SqlStatement("INSERT INTO b SELECT x FROM a", 2));
        assertThatThrownBy(() -> SqlApplication.of("a b", List.of())).hasMessageContaining("cannot name an application");
    }
}
