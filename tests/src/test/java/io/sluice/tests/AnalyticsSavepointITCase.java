package io.sluice.tests;

import static io.sluice.tests.AnalyticsApplicationsITCase.count;
import static io.sluice.tests.AppStreams.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.analytics.cli.AnalyticsCli;
import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/analytics}' commands ({@link AnalyticsCli}, in this JVM) against the test cluster's Flink REST API: an
 * application is run, listed, stopped with a savepoint while a window is open, and resumed from it; across both runs
 * every window is in the output exactly once, the open one with the rows of before and after the stop.
 */
class AnalyticsSavepointITCase {

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(4);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension SLUICE = SluiceExtension.defaults();

    @TempDir
    Path dataDir;

    @Test
    void anApplicationStoppedWithASavepointResumesWithoutLosingOrRepeatingAWindow() throws Exception {
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            AppStreams streams = new AppStreams(client.api(), SLUICE.endpoint().toString());
            streams.create("sp-ticks", 1);
            streams.create("sp-counts", 1);
            streams.put("sp-ticks", 0, List.of(at("11:00:10"), at("11:00:20"), at("11:01:10"), at("11:02:10")));

            Result run = cli("run", AppStreams.sql("tumbling-count.sql").toString(), "ENDPOINT=" + SLUICE.endpoint(), "INPUT=sp-ticks",
                    "OUTPUT=sp-counts");
            assertThat(run.status()).as(run.err()).isZero();
            String jobId = run.out().strip();
            assertThat(jobId).matches("[0-9a-f]{32}");
            assertThat(streams.awaitSorted("sp-counts", 2)).containsExactly(count("11:01:00", "11:00:00", "AMZN", 2),
                    count("11:02:00", "11:01:00", "AMZN", 1));
            assertThat(cli("list").out()).containsPattern("tumbling-count +" + jobId + " +RUNNING");

            // The window 11:02-11:03 holds one row; it goes into the savepoint.
            Result stop = cli("stop", "tumbling-count");
            assertThat(stop.status()).as(stop.err()).isZero();
            Path savepoint = Path.of(java.net.URI.create(stop.out().strip()));
            assertThat(savepoint).startsWith(dataDir.resolve("savepoints/analytics/tumbling-count")).isDirectory();
            awaitListed(jobId + " +FINISHED");

            streams.put("sp-ticks", 0, List.of(at("11:02:20"), at("11:03:10"), at("11:03:20"), tick("11:10:00", "11:10:00", "END")));
            // resume runs the recorded file with the recorded placeholders
            Result resume = cli("resume", "tumbling-count", "--savepoint=" + stop.out().strip());
            assertThat(resume.status()).as(resume.err()).isZero();
            assertThat(resume.out().strip()).isNotEqualTo(jobId);
            assertThat(streams.awaitSorted("sp-counts", 4)).containsExactly(count("11:01:00", "11:00:00", "AMZN", 2),
                    count("11:02:00", "11:01:00", "AMZN", 1), count("11:03:00", "11:02:00", "AMZN", 2), count("11:04:00", "11:03:00", "AMZN", 2));

            assertThat(cli("stop", "tumbling-count").status()).isZero();
            Result again = cli("stop", "tumbling-count");
            assertThat(again.status()).isEqualTo(1);
            assertThat(again.err()).startsWith("bin/analytics: no running application tumbling-count at http://");
        }
    }

    @Test
    void resumingAnApplicationNeverRunIsAnError() {
        Result resume = cli("resume", "never-run", "--savepoint=file:/nowhere");
        assertThat(resume.status()).isEqualTo(1);
        assertThat(resume.err()).isEqualTo("bin/analytics: no application never-run was run with this data directory;"
                + " bin/analytics run FILE.sql first\n");
    }

    private static String at(String rowtime) {
        return tick(rowtime, rowtime, "AMZN");
    }

    private void awaitListed(String pattern) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String listed = "";
        while (System.nanoTime() < deadline) {
            listed = cli("list").out();
            if (listed.matches("(?s).*" + pattern + ".*")) {
                return;
            }
            Thread.sleep(100); // polling interval of a deadline loop
        }
        throw new AssertionError("No '" + pattern + "' in bin/analytics list within 30 s:\n" + listed);
    }

    /** What one command printed and its exit status. */
    private record Result(int status, String out, String err) {}

    /** Runs {@code bin/analytics args} in this JVM against the test cluster's REST API, with the test's data directory. */
    private Result cli(String... args) {
        Configuration client = FLINK.getClientConfiguration();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--rest=" + client.get(RestOptions.ADDRESS) + ":" + client.get(RestOptions.PORT));
        all.add("sluice.data-dir=" + dataDir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new AnalyticsCli(dataDir, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute(all.toArray(String[]::new));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
