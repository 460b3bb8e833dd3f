package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/analytics} as README runs it, in its own process (after {@code mvn test} built the classpath): errors
 * say what is wrong on stderr and exit non-zero, before any cluster is needed where none is.
 */
class AnalyticsCliProcessITCase {

    @TempDir
    Path dir;

    @Test
    void runOfAMissingFileExitsOne() throws Exception {
        Path missing = dir.resolve("missing.sql");
        Result r = analytics("run", missing.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("bin/analytics: " + missing + ": no such file\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aSqlErrorNamesItsLineBeforeAnyClusterIsAsked() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.sql"), "-- an application with a typo\n"
                + "CREATE TABLE t (x INT) WITH ('connector' = 'datagen');\n"
                + "INSERT INTO t\nSELEC x FROM t;\n");
        Result r = analytics("run", bad.toString(), "--rest=127.0.0.1:1");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("bin/analytics: " + bad + " line 4: SQL parse failed.");
    }

    @Test
    void anUnreachableRestAddressIsNamed() throws Exception {
        Result r = analytics("list", "--rest=127.0.0.1:1");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("bin/analytics: no Flink REST API answers at http://127.0.0.1:1 (")
                .endsWith("): is bin/sluice running, or does --rest=HOST:PORT name the cluster?\n");
    }

    @Test
    void aBadCommandLinePrintsTheUsageAndExitsTwo() throws Exception {
        Result r = analytics("start", "x.sql");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("bin/analytics: unknown command 'start'\nusage: bin/analytics run APP.sql");
    }

    private record Result(int status, String out, String err) {}

    private Result analytics(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(AppStreams.sql("tumbling-count.sql").getParent().getParent().resolve("bin/analytics").toString());
        command.addAll(List.of(args));
        command.add("sluice.data-dir=" + dir.resolve("data"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("SLUICE_CONF_DIR");
        Process process = pb.start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("bin/analytics ended within 120 s").isTrue();
        } finally {
            EmbeddedProcess.stopTree(process);
        }
        return new Result(process.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
    }
}
