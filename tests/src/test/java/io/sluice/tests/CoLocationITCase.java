package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.ingest.IngestOptions;
import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;

/**
 * HTTP source reader i and response sink subtask i always run in the same TaskManager (they share a
 * co-location group), also after a TaskManager dies and the job restarts: the sink can only answer
 * through the registry of its own JVM. Two TaskManagers, two endpoints.
 */
class CoLocationITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(2).setNumberSlotsPerTaskManager(1).build());

    @TempDir
    Path checkpoints;

    @Test
    void readerAndSinkShareATaskManagerBeforeAndAfterFailover(@InjectMiniCluster MiniCluster cluster) throws Exception {
        Configuration conf = new Configuration();
        conf.set(IngestOptions.HTTP_ENDPOINTS, 2);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 100);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        try (SluiceTestServer sluice = SluiceTestServer.start(checkpoints, conf)) {
            URI second = URI.create("http://127.0.0.1:" + (sluice.endpoint().getPort() + 1));
            assertCoLocated(cluster, sluice);
            try (Client first = KinesisClients.create(Kind.SYNC_CBOR, sluice.endpoint());
                    Client other = KinesisClients.create(Kind.SYNC_CBOR, second)) {
                first.api().createStream(b -> b.streamName("colocated").shardCount(2));
                Streams.awaitActive(first.api(), "colocated");
                other.api().putRecord(b -> b.streamName("colocated").partitionKey("p").data(SdkBytes.fromUtf8String("before")));
            }

            cluster.terminateTaskManager(0).get();
            cluster.startTaskManager();
            sluice.awaitReady(Duration.ofSeconds(60));
            awaitRunning(cluster, sluice);
            assertCoLocated(cluster, sluice);

            try (Client first = KinesisClients.create(Kind.SYNC_CBOR, sluice.endpoint());
                    Client other = KinesisClients.create(Kind.SYNC_CBOR, second)) {
                first.api().putRecord(b -> b.streamName("colocated").partitionKey("p").data(SdkBytes.fromUtf8String("after-0")));
                other.api().putRecord(b -> b.streamName("colocated").partitionKey("p").data(SdkBytes.fromUtf8String("after-1")));
                String shard = first.api().putRecord(b -> b.streamName("colocated").partitionKey("p")
                        .data(SdkBytes.fromUtf8String("last"))).shardId();
                assertThat(Streams.readAll(other.api(), "colocated", shard, 100))
                        .extracting(r -> r.data().asUtf8String())
                        .containsExactly("before", "after-0", "after-1", "last");
            }
        }
    }

    private static void assertCoLocated(MiniCluster cluster, SluiceTestServer sluice) throws Exception {
        AccessExecutionGraph graph = cluster.getExecutionGraph(sluice.job().getJobID()).get();
        AccessExecutionVertex[] readers = null;
        AccessExecutionVertex[] sinks = null;
        for (AccessExecutionJobVertex v : graph.getVerticesTopologically()) {
            // the source may be chained with the router: "Source: HttpRequestSource -> ApiRouter"
            if (v.getName().startsWith("Source: HttpRequestSource")) {
                readers = v.getTaskVertices();
            } else if (v.getName().startsWith("ResponseSink")) {
                sinks = v.getTaskVertices();
            }
        }
        assertThat(readers).hasSize(2);
        assertThat(sinks).hasSize(2);
        assertThat(readers[0].getCurrentAssignedResourceLocation()).isNotEqualTo(readers[1].getCurrentAssignedResourceLocation());
        for (int i = 0; i < 2; i++) {
            assertThat(sinks[i].getCurrentAssignedResourceLocation())
                    .as("sink %d runs where reader %d runs", i, i)
                    .isEqualTo(readers[i].getCurrentAssignedResourceLocation());
        }
    }

    private static void awaitRunning(MiniCluster cluster, SluiceTestServer sluice) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            AccessExecutionGraph graph = cluster.getExecutionGraph(sluice.job().getJobID()).get();
            boolean allRunning = true;
            for (AccessExecutionJobVertex v : graph.getVerticesTopologically()) {
                for (AccessExecutionVertex t : v.getTaskVertices()) {
                    allRunning &= t.getExecutionState() == ExecutionState.RUNNING;
                }
            }
            if (allRunning) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job not running again in time");
            }
            Thread.sleep(50); // polling interval of a deadline loop
        }
    }
}
