package io.sluice.analytics.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.TableResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pump into files: the {@code filesystem} table connector is on an application's classpath and writes every row. */
class FilePumpITCase {

    @Test
    void aPumpWritesItsRowsIntoFiles(@TempDir Path dir) throws Exception {
        SqlApplication app = SqlApplication.of("to-files", List.of(
                "CREATE TABLE src (n INT) WITH ('connector' = 'datagen', 'number-of-rows' = '5',"
                        + " 'fields.n.kind' = 'sequence', 'fields.n.start' = '1', 'fields.n.end' = '5')",
                "CREATE TABLE out_files (n INT, doubled INT) WITH ('connector' = 'filesystem', 'path' = '" + dir.toUri()
                        + "', 'format' = 'json')",
                "INSERT INTO out_files SELECT n, n * 2 FROM src"));
        Configuration conf = new Configuration();
        conf.setString("parallelism.default", "1");
        conf.setString("execution.attached", "true"); // await the bounded job (applications are submitted detached)
        conf.setString("execution.checkpointing.interval", "100 ms");
        TableResult result = ApplicationRunner.run(app, conf);
        result.await();
        assertThat(lines(dir)).containsExactly("{\"n\":1,\"doubled\":2}", "{\"n\":2,\"doubled\":4}", "{\"n\":3,\"doubled\":6}",
                "{\"n\":4,\"doubled\":8}", "{\"n\":5,\"doubled\":10}");
    }

    /** The lines of the committed files (not the in-progress ones, whose names start with a dot). */
    private static List<String> lines(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }
}
