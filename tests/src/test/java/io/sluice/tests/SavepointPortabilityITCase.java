package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Savepoints are portable across parallelism: the ingest job runs at parallelism 1 (one HTTP endpoint, one subtask of
 * router, catalog and shard log), gets {@link SampleStreams}' account, is stopped with a savepoint and started from it at
 * parallelism 2 (two endpoints, on port and port + 1), then stopped with a savepoint again and started at parallelism 1.
 * After each restore every stream, setting, tag, shard and record reads back through the Kinesis API exactly as before
 * (through either endpoint), and a put on every open shard gets a sequence number above all that shard held. Keyed state
 * moves between subtasks only because the job's maximum parallelism is pinned (128, {@code JobDefaults}): the test checks
 * it on every run, since a savepoint restores at another parallelism only with the same number of key groups.
 */
class SavepointPortabilityITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(2);

    @TempDir
    Path dir;

    @Test
    void everyStreamShardRecordAndTagSurvivesRestoresAtParallelismOneTwoOne(@InjectMiniCluster MiniCluster cluster) throws Exception {
        KinesisContents written;
        Path first;
        try (SluiceTestServer sluice = Savepoints.startIngest(dir.resolve("run-1"), 1, null, c -> {});
                Client client = KinesisClients.create(Kind.SYNC_CBOR, sluice.endpoint())) {
            Savepoints.assertParallelism(cluster, sluice, 1);
            SampleStreams.write(client.api());
            written = KinesisContents.capture(client.api());
            first = Savepoints.stop(sluice.job(), dir.resolve("savepoints"));
        }
        SampleStreams.assertWritten(written);

        KinesisContents afterSecondRun;
        Path second;
        try (SluiceTestServer sluice = Savepoints.startIngest(dir.resolve("run-2"), 2, first, c -> {});
                Client client = KinesisClients.create(Kind.SYNC_CBOR, sluice.endpoint());
                Client secondEndpoint = KinesisClients.create(Kind.SYNC_JSON, nextEndpoint(sluice.endpoint()))) {
            Savepoints.assertParallelism(cluster, sluice, 2);
            assertThat(KinesisContents.capture(client.api())).isEqualTo(written);
            awaitAnswers(secondEndpoint.api());
            assertThat(KinesisContents.capture(secondEndpoint.api())).isEqualTo(written);
            int puts = Savepoints.putOnEveryOpenShard(client.api(), written, "after-restore-at-2");
            afterSecondRun = KinesisContents.capture(client.api());
            assertThat(afterSecondRun.recordCount()).isEqualTo(written.recordCount() + puts);
            second = Savepoints.stop(sluice.job(), dir.resolve("savepoints"));
        }

        try (SluiceTestServer sluice = Savepoints.startIngest(dir.resolve("run-3"), 1, second, c -> {});
                Client client = KinesisClients.create(Kind.SYNC_CBOR, sluice.endpoint())) {
            Savepoints.assertParallelism(cluster, sluice, 1);
            assertThat(KinesisContents.capture(client.api())).isEqualTo(afterSecondRun);
            int puts = Savepoints.putOnEveryOpenShard(client.api(), afterSecondRun, "after-restore-at-1");
            assertThat(KinesisContents.capture(client.api()).recordCount()).isEqualTo(afterSecondRun.recordCount() + puts);
        }
    }

    /** The endpoint of HTTP source reader 1 when {@code endpoint} is reader 0's (reader i listens on port + i). */
    private static URI nextEndpoint(URI endpoint) {
        return URI.create("http://" + endpoint.getHost() + ":" + (endpoint.getPort() + 1));
    }

    /** Polls until the endpoint answers ListStreams (a second endpoint's reader may start a moment after the first). */
    private static void awaitAnswers(KinesisClient kinesis) throws InterruptedException {
        Streams.await("the second endpoint", () -> {
            try {
                kinesis.listStreams();
                return true;
            } catch (RuntimeException notYet) {
                return false;
            }
        }, Duration.ofSeconds(30));
    }
}
