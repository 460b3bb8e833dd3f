package io.sluice.analytics.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationJobTest {

    @TempDir
    Path dir;

    @Test
    void readsTheFileThroughFlinksFileSystemsNamedAfterIt() throws Exception {
        Path file = dir.resolve("doubles.sql");
        Files.writeString(file, "CREATE TABLE a (n INT) WITH ('connector' = '${C}');\nINSERT INTO b SELECT n * 2 FROM a;\n",
                StandardCharsets.UTF_8);

        SqlApplication app = ApplicationJob.read(new org.apache.flink.core.fs.Path(file.toUri()), Placeholders.of(Map.of("C", "kinesis")));

        assertThat(app.name()).isEqualTo("doubles");
        assertThat(app.statements()).extracting(SqlStatement::sql).containsExactly(
                "CREATE TABLE a (n INT) WITH ('connector' = 'kinesis')", "INSERT INTO b SELECT n * 2 FROM a");
    }

    @Test
    void saysWhatIsMissing() {
        assertThatThrownBy(() -> ApplicationJob.main(new String[] {"INPUT=x", "parallelism.default=1"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected app=FILE.sql (or --app FILE.sql): the application to run");
        Path missing = dir.resolve("none.sql");
        assertThatThrownBy(() -> ApplicationJob.main(new String[] {"--app", missing.toString()}))
                .isInstanceOf(ApplicationException.class)
                .hasMessage(missing.toUri().getPath().replaceAll("/$", "") + ": no such file");
    }
}
