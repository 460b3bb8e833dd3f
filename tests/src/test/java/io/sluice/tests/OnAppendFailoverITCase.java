package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.http.AckMode;
import io.sluice.ingest.IngestOptions;
import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Shard epochs: after a failover in ON_APPEND mode (which may lose what came after the last
 * checkpoint), sequence numbers are never reused and readers never skip the records written after
 * the restore.
 */
class OnAppendFailoverITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path checkpoints;

    /**
     * ON_APPEND answers before the checkpoint, so a failover loses what came after it. What must not
     * happen: the restored shard reusing a lost record's sequence number, or a reader whose iterator
     * pointed past the restored end skipping the records written after the restore.
     */
    @Test
    void afterAnOnAppendFailoverSequenceNumbersAreNotReusedAndReadersDoNotSkip(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(IngestOptions.ACK_MODE, AckMode.ON_APPEND);
        conf.set(IngestOptions.CHECKPOINT_INTERVAL, Duration.ofHours(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 100);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        String shard = "shardId-000000000000";
        try (SluiceTestServer sluice = SluiceTestServer.start(checkpoints, conf);
                Client client = KinesisClients.create(Kind.SYNC_CBOR, sluice.endpoint())) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName("epochs").shardCount(1));
            Streams.awaitActive(kinesis, "epochs");
            String a = put(kinesis, "A");
            checkpoint(cluster, sluice);
            List<String> lost = List.of(put(kinesis, "B1"), put(kinesis, "B2"), put(kinesis, "B3"));
            String pastTheEnd = kinesis.getShardIterator(b -> b.streamName("epochs").shardId(shard)
                    .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();

            cluster.terminateTaskManager(0).get();
            cluster.startTaskManager();
            sluice.awaitReady(Duration.ofSeconds(60));
            Streams.awaitActive(kinesis, "epochs");

            List<String> fresh = List.of(put(kinesis, "C1"), put(kinesis, "C2"));
            assertThat(fresh).doesNotContainAnyElementsOf(lost);
            assertThat(new BigInteger(fresh.get(0))).isGreaterThan(new BigInteger(a));
            assertThat(new BigInteger(fresh.get(0))).as("greater than any number handed out before").isGreaterThan(new BigInteger(lost.get(2)));

            assertThat(kinesis.getRecords(b -> b.shardIterator(pastTheEnd)).records())
                    .extracting(r -> r.data().asUtf8String()).containsExactly("C1", "C2");
            assertThat(Streams.read(kinesis, "epochs", shard, b -> b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                    .startingSequenceNumber(lost.get(2)))).extracting(r -> r.data().asUtf8String()).containsExactly("C1", "C2");
            assertThat(Streams.read(kinesis, "epochs", shard, b -> b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                    .startingSequenceNumber(a))).extracting(r -> r.data().asUtf8String()).containsExactly("C1", "C2");
            assertThat(Streams.readAll(kinesis, "epochs", shard, 100)).extracting(r -> r.sequenceNumber())
                    .containsExactly(a, fresh.get(0), fresh.get(1));
        }
    }

    private static String put(KinesisClient kinesis, String data) {
        return kinesis.putRecord(b -> b.streamName("epochs").partitionKey("p").data(SdkBytes.fromUtf8String(data))).sequenceNumber();
    }


    /**
     * Triggers a checkpoint of the job, again while not all of its tasks run yet: ON_APPEND answers come before every
     * subtask of a slow start is RUNNING, and a checkpoint triggered then is refused.
     */
    private static void checkpoint(MiniCluster cluster, SluiceTestServer sluice) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                cluster.triggerCheckpoint(sluice.job().getJobID()).get();
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline || !String.valueOf(e.getMessage()).contains("Not all required tasks are currently running")) {
                    throw e;
                }
                Thread.sleep(100); // polling interval of a deadline loop
            }
        }
    }
}
