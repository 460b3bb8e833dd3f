package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.ingest.embedded.RetainedCheckpoints;
import io.sluice.ingest.replay.ReplayCommand;
import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A retained checkpoint replays when the ingest job runs without the state changelog ({@code state.changelog.enabled:
 * false}): its checkpoints are then RocksDB's own, which the State Processor API reads. (With the changelog, Sluice's
 * default, the command refuses them and says to take a savepoint: {@code ReplayITCase}.) The job is cancelled first, as
 * the embedded run is stopped before its data directory is replayed; a durable put is answered only after the checkpoint
 * that holds it, so the latest retained checkpoint holds every answered record.
 */
class ReplayRetainedCheckpointITCase {

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(3);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension SLUICE = SluiceExtension.with(conf -> conf.set(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG, false));

    @Test
    void theLatestRetainedCheckpointOfAStoppedJobReplays() throws Exception {
        List<String> sequenceNumbers = new ArrayList<>();
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName("kept").shardCount(1));
            Streams.awaitActive(kinesis, "kept");
            for (String text : List.of("one", "two", "three")) {
                sequenceNumbers.add(kinesis.putRecord(b -> b.streamName("kept").partitionKey(text).data(SdkBytes.fromUtf8String(text)))
                        .sequenceNumber());
            }
        }
        SluiceExtension.cancelAndAwait(SLUICE.job());
        Path checkpoint = RetainedCheckpoints.latest(SLUICE.checkpoints()).orElseThrow();
        Path dir = Files.createTempDirectory("replay-checkpoint-it-");
        try {
            Path out = dir.resolve("out");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = new ReplayCommand(dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8))
                    .execute(new String[] {"--from=" + checkpoint, "--stream=kept", "--to=files:" + out});
            assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
            List<JsonNode> rows = new ArrayList<>();
            try (Stream<Path> parts = Files.list(out)) {
                for (Path part : parts.sorted().toList()) {
                    for (String line : Files.readAllLines(part)) {
                        rows.add(new ObjectMapper().readTree(line));
                    }
                }
            }
            assertThat(rows).extracting(r -> r.get("sequenceNumber").asText()).containsExactlyElementsOf(sequenceNumbers);
            assertThat(rows).extracting(r -> new String(r.get("data").binaryValue(), StandardCharsets.UTF_8)).containsExactly("one", "two", "three");
        } finally {
            TestDirs.delete(dir);
        }
    }
}
