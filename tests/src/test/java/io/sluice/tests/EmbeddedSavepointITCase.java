package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * README's "Savepoints" steps on the embedded run ({@code bin/sluice}, in its own process): the ingest job is stopped
 * with a savepoint through the Flink REST API on the cluster's REST port, which ends the run; {@code bin/sluice
 * execution.state-recovery.path=...} on a new data directory then serves the same account at parallelism 2 (two
 * endpoints) and goes on checkpointing: puts are acknowledged (after a checkpoint) with higher sequence numbers. The
 * savepoint stays whole: the job deletes the state files of what it restored once the state changelog has materialized
 * the state anew, so the run restores a copy under its data directory, and the test waits until that copy has lost its
 * files while the savepoint has kept all of its. (Restored in place, the savepoint lost its data file about 25 s after
 * the start; restored in NO_CLAIM mode, the job failed every checkpoint.)
 */
class EmbeddedSavepointITCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theEmbeddedRunStartsFromASavepointTakenThroughTheRestApiAtAnotherParallelism() throws Exception {
        KinesisContents before;
        Path savepoint;
        int port = EmbeddedProcess.freePort();
        int restPort = EmbeddedProcess.freePort();
        try (EmbeddedProcess sluice = start("first", port, restPort, 1)) {
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            sluice.awaitPing(endpoint, Duration.ofSeconds(90));
            try (Client client = KinesisClients.create(Kind.SYNC_CBOR, endpoint)) {
                client.api().createStream(b -> b.streamName("kept").shardCount(2));
                Streams.awaitActive(client.api(), "kept");
                client.api().addTagsToStream(b -> b.streamName("kept").tags(Map.of("kept", "yes")));
                // 60 KiB: more than Flink inlines into _metadata (20 KiB per state handle), so the savepoint has data files.
                for (int batch = 0; batch < 3; batch++) {
                    List<PutRecordsRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + batch + "-" + i)
                                .data(SdkBytes.fromUtf8String(String.valueOf((char) ('a' + i)).repeat(1024))).build());
                    }
                    assertThat(client.api().putRecords(b -> b.streamName("kept").records(entries)).failedRecordCount()).isZero();
                }
                before = KinesisContents.capture(client.api());
            }
            URI rest = URI.create("http://127.0.0.1:" + restPort);
            savepoint = stopWithSavepoint(rest, work.resolve("savepoints"));
            assertThat(sluice.process().waitFor(60, TimeUnit.SECONDS)).as("the run ends with its ingest job").isTrue();
        }
        assertThat(before.recordCount()).isEqualTo(60);
        assertThat(Savepoints.files(savepoint)).as("state beyond what _metadata inlines").hasSizeGreaterThan(1).contains("_metadata");

        int port2 = EmbeddedProcess.freePort();
        int restPort2 = EmbeddedProcess.freePort();
        List<String> files = Savepoints.files(savepoint);
        Path copy = work.resolve("second/restored").resolve(savepoint.getFileName());
        try (EmbeddedProcess sluice = start("second", port2, restPort2, 2, "execution.state-recovery.path=" + savepoint.toUri(),
                // The first materialization of the restored state is what deletes the restored files: at once, not in a minute.
                "state.changelog.periodic-materialize.interval=200 ms")) {
            URI endpoint = URI.create("http://127.0.0.1:" + port2);
            sluice.awaitPing(endpoint, Duration.ofSeconds(90));
            sluice.awaitPing(URI.create("http://127.0.0.1:" + (port2 + 1)), Duration.ofSeconds(30));
            try (Client client = KinesisClients.create(Kind.SYNC_CBOR, endpoint)) {
                assertThat(KinesisContents.capture(client.api())).isEqualTo(before);
                int puts = Savepoints.putOnEveryOpenShard(client.api(), before, "after-restore");
                assertThat(KinesisContents.capture(client.api()).recordCount()).isEqualTo(before.recordCount() + puts);
            }
            assertThat(Files.readString(work.resolve("second.log"))).containsPattern("sluice-ingest resumes from file:\\S*/second/restored/"
                    + savepoint.getFileName());
            Streams.await("the restored copy's state files deleted by the run", () -> copyConsumed(copy, files), Duration.ofSeconds(60));
            assertThat(Savepoints.files(savepoint)).as("the savepoint itself").isEqualTo(files);
        }
    }

    /** Whether the run has deleted state files of the copy it restored (or the whole copy), as it would the savepoint's. */
    private static boolean copyConsumed(Path copy, List<String> savepointFiles) {
        try {
            return !Files.exists(copy) || !Savepoints.files(copy).containsAll(savepointFiles);
        } catch (java.io.IOException e) {
            return !Files.exists(copy);
        }
    }

    /** {@code bin/sluice} on the data directory {@code name} under the test's directory, at {@code parallelism}. */
    private EmbeddedProcess start(String name, int port, int restPort, int parallelism, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "sluice.http.host=127.0.0.1", "sluice.http.port=" + port, "sluice.http.endpoints=" + parallelism,
                "parallelism.default=" + parallelism, "rest.port=" + restPort,
                "sluice.firehose.http.host=127.0.0.1", "sluice.firehose.http.port=" + EmbeddedProcess.freePort(),
                "sluice.metrics.prometheus-port=-1", "sluice.sql-gateway.enabled=false", "sluice.data-dir=" + work.resolve(name)));
        args.addAll(List.of(more));
        return EmbeddedProcess.start(work.resolve(name + ".log"), args);
    }

    /** README's steps: the ingest job's id, {@code POST /jobs/:id/stop}, then the trigger's status until it has a location. */
    private Path stopWithSavepoint(URI rest, Path directory) throws Exception {
        String job = ingestJobId(rest);
        JsonNode trigger = send(HttpRequest.newBuilder(rest.resolve("/jobs/" + job + "/stop"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "targetDirectory", directory.toUri().toString(), "drain", false)))));
        URI status = rest.resolve("/jobs/" + job + "/savepoints/" + trigger.get("request-id").asText());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode s = send(HttpRequest.newBuilder(status));
            if (s.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode operation = s.path("operation");
                assertThat(operation.has("location")).as("savepoint failed: %s", operation).isTrue();
                Path savepoint = Path.of(URI.create(operation.get("location").asText()));
                assertThat(savepoint.resolve("_metadata")).isRegularFile();
                return savepoint;
            }
            Thread.sleep(100); // polling interval of a deadline loop
        }
        throw new AssertionError("no savepoint of " + job + " within 60 s");
    }

    private String ingestJobId(URI rest) throws Exception {
        for (JsonNode job : send(HttpRequest.newBuilder(rest.resolve("/jobs/overview"))).get("jobs")) {
            if (job.get("name").asText().equals("sluice-ingest") && job.get("state").asText().equals("RUNNING")) {
                return job.get("jid").asText();
            }
        }
        throw new AssertionError("no running sluice-ingest job at " + rest);
    }

    private JsonNode send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s: %s", r.request().uri(), r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }
}
