package io.sluice.tests;

import static io.sluice.tests.AnalyticsApplicationsITCase.count;
import static io.sluice.tests.AppStreams.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/analytics} and {@code bin/sluice} as README runs them, each in its own process: an application submitted
 * to the embedded cluster (found through {@code rest.port}, no {@code --rest}) computes AWS's tumbling example from
 * rows put into the embedded Streams endpoint, is listed, and stops with a savepoint under the data directory.
 */
class AnalyticsEmbeddedRunITCase {

    @TempDir
    Path dir;

    @Test
    void anApplicationRunsListsAndStopsOnTheEmbeddedCluster() throws Exception {
        Path dataDir = dir.resolve("data");
        int port = EmbeddedProcess.freePort();
        int restPort = EmbeddedProcess.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        List<String> config = List.of("sluice.data-dir=" + dataDir, "rest.port=" + restPort);
        List<String> sluiceArgs = new ArrayList<>(config);
        sluiceArgs.addAll(List.of("sluice.http.host=127.0.0.1", "sluice.http.port=" + port, "sluice.firehose.http.host=127.0.0.1",
                "sluice.firehose.http.port=" + EmbeddedProcess.freePort(), "sluice.metrics.prometheus-port=-1"));
        try (EmbeddedProcess sluice = EmbeddedProcess.start(dir.resolve("sluice.log"), sluiceArgs);
                Client client = KinesisClients.create(Kind.SYNC_CBOR, endpoint)) {
            sluice.awaitPing(endpoint, Duration.ofSeconds(180)); // a loaded machine took over 90 s
            AppStreams streams = new AppStreams(client.api(), endpoint.toString());
            streams.create("ticks", 1);
            streams.create("ticker-counts", 1);
            streams.put("ticks", 0, List.of(tick("11:00:20", "11:00:10", "AMZN"), tick("11:00:30", "11:00:20", "AMZN"),
                    tick("11:01:05", "11:00:55", "AMZN"), tick("11:01:15", "11:01:05", "AMZN"), tick("11:10:00", "11:10:00", "END")));

            AnalyticsProcess.Result run = analytics(config, "run", AppStreams.sql("tumbling-count.sql").toString(), "ENDPOINT=" + endpoint);
            assertThat(run.status()).as(run.err()).isZero();
            String jobId = run.out().strip();
            assertThat(jobId).matches("[0-9a-f]{32}");
            assertThat(streams.awaitSorted("ticker-counts", 3)).containsExactly(count("11:01:00", "11:00:00", "AMZN", 2),
                    count("11:02:00", "11:00:00", "AMZN", 1), count("11:02:00", "11:01:00", "AMZN", 1));

            AnalyticsProcess.Result list = analytics(config, "list");
            assertThat(list.out()).containsPattern("tumbling-count +" + jobId + " +RUNNING").doesNotContain("Sluice");
            AnalyticsProcess.Result stop = analytics(config, "stop", "tumbling-count");
            assertThat(stop.status()).as(stop.err()).isZero();
            assertThat(Path.of(URI.create(stop.out().strip()))).startsWith(dataDir.resolve("savepoints/analytics/tumbling-count")).isDirectory();
        }
    }

    private AnalyticsProcess.Result analytics(List<String> config, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(config);
        return AnalyticsProcess.run(dir, all);
    }
}
