package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        AnalyticsProcess.Result r = analytics("run", missing.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("bin/analytics: " + missing + ": no such file\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aSqlErrorNamesItsLineBeforeAnyClusterIsAsked() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.sql"), "-- an application with a typo\n"
                + "CREATE TABLE t (x INT) WITH ('connector' = 'datagen');\n"
                + "INSERT INTO t\nSELECT x FORM t;\n");
        AnalyticsProcess.Result r = analytics("run", bad.toString(), "--rest=127.0.0.1:1");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("bin/analytics: " + bad + " line 4: SQL parse failed.");
    }

    @Test
    void anUnreachableRestAddressIsNamed() throws Exception {
        AnalyticsProcess.Result r = analytics("list", "--rest=127.0.0.1:1");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("bin/analytics: no Flink REST API answers at http://127.0.0.1:1 (")
                .endsWith("): is bin/sluice running, or does --rest=HOST:PORT name the cluster?\n");
    }

    @Test
    void aBadCommandLinePrintsTheUsageAndExitsTwo() throws Exception {
        AnalyticsProcess.Result r = analytics("start", "x.sql");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("bin/analytics: unknown command 'start'\nusage: bin/analytics run APP.sql");
    }

    private AnalyticsProcess.Result analytics(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("sluice.data-dir=" + dir.resolve("data"));
        return AnalyticsProcess.run(dir, all);
    }
}
