package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * A JobManager killed ({@code kill -9}) and started again under ZooKeeper high availability, while producers and a
 * consumer use the Streams API of the ingest job: the cluster is {@code bin/cluster} with ZooKeeper in process
 * (curator-test's {@code TestingServer}) and HA storage in the test's directory; the job jar is submitted with
 * {@code bin/cluster submit ingest}; the JobManager comes back with {@code bin/cluster start}, which starts only what
 * is missing. HA keeps the job graph and the checkpoint pointers, so the job resumes from its latest checkpoint.
 * Afterwards every acknowledged record is readable exactly once, in order per producer (one partition key each), with
 * the sequence number it was acknowledged with, and the consumer that read on through the failure saw exactly what is
 * stored. Prints the recovery time (kill to the first put that began after it and succeeded) as {@code RECOVERY ms=}.
 */
class JobManagerHaITCase {

    private static final int PRODUCERS = 4;
    private static final int SHARDS = 4;
    private static final String STREAM = "ha";

    @TempDir
    Path temp;

    @Test
    void acknowledgedRecordsSurviveAJobManagerRestart() throws Exception {
        int kinesisPort = EmbeddedProcess.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + kinesisPort);
        phase("test started");
        try (TestingServer zooKeeper = new TestingServer(EmbeddedProcess.freePort(), Files.createDirectories(temp.resolve("zk")).toFile());
                ClusterScript cluster = new ClusterScript(temp.resolve("run"))) {
            cluster.start(1, List.of("high-availability.type=zookeeper",
                    "high-availability.zookeeper.quorum=" + zooKeeper.getConnectString(),
                    "high-availability.storageDir=" + temp.resolve("ha").toUri(),
                    "high-availability.cluster-id=/sluice-ha-test",
                    // A dead JobManager's leadership ends with its ZooKeeper session: Flink's default of 60 s would
                    // make most of the recovery time (measured: 78 s); 10 s keeps the test short.
                    "high-availability.zookeeper.client.session-timeout=10 s"));
            phase("cluster started");
            String jobId = cluster.submit("ingest", List.of("sluice.http.host=127.0.0.1", "sluice.http.port=" + kinesisPort));
            cluster.awaitRunning(jobId, Duration.ofSeconds(120));
            SluiceTestServer.awaitReady(endpoint, Duration.ofSeconds(60));
            phase("ingest job running");

            try (KinesisClients.Client admin = KinesisClients.create(KinesisClients.Kind.SYNC_CBOR, endpoint)) {
                admin.api().createStream(b -> b.streamName(STREAM).shardCount(SHARDS));
                List<Shard> shards = Streams.awaitActive(admin.api(), STREAM).streamDescription().shards();

                RetryingProducers producers = new RetryingProducers(endpoint, STREAM, PRODUCERS);
                TailingConsumer consumer = new TailingConsumer(endpoint, STREAM, shards);
                producers.start();
                consumer.start();
                producers.awaitAcked(200, Duration.ofSeconds(60));

                long lastCheckpoint = cluster.get("/jobs/" + jobId + "/checkpoints").path("latest").path("completed").path("id").asLong();
                ProcessHandle jobManager = ProcessHandle.of(cluster.pid("jobmanager")).orElseThrow();
                long killed = System.nanoTime();
                jobManager.destroyForcibly(); // SIGKILL
                jobManager.onExit().get(30, TimeUnit.SECONDS);
                phase("JobManager killed");
                int ackedAtKill = producers.acked().size();

                cluster.succeed(List.of("start", "--taskmanagers=1"), Duration.ofMinutes(3));
                long restarted = System.nanoTime();
                phase("JobManager started again");
                cluster.awaitRunning(jobId, Duration.ofSeconds(120));
                phase("job running again");
                producers.awaitAcked(ackedAtKill + 200, Duration.ofSeconds(120));
                producers.stop();
                phase("producers stopped");
                long recoveryMillis = TimeUnit.NANOSECONDS.toMillis(producers.firstSuccessStartedAfter(killed) - killed);

                JsonNode restored = cluster.get("/jobs/" + jobId + "/checkpoints").path("latest").path("restored");
                assertThat(restored.path("is_savepoint").asBoolean(true)).as("restored from a checkpoint: %s", restored).isFalse();
                assertThat(restored.path("id").asLong()).as("restored from the latest checkpoint").isGreaterThanOrEqualTo(lastCheckpoint);
                assertThat(producers.failure()).isNull();

                List<RetryingProducers.Acked> acked = producers.acked();
                System.out.println("TaskManager while the JobManager was down:\n" + taskManagerEvents(cluster));
                AckVerdict verdict = AckVerdict.assertExactlyOnce(admin.api(), STREAM, shards, acked, consumer);
                phase("consumer caught up");
                System.out.printf("RECOVERY ms=%d (JobManager restarted after %d ms; acknowledged %d, %d before the kill; "
                                + "put attempts that failed %d; stored %d; acknowledged lost %d, duplicated %d; restored checkpoint %d, "
                                + "latest before the kill %d)%n",
                        recoveryMillis, TimeUnit.NANOSECONDS.toMillis(restarted - killed), acked.size(), ackedAtKill,
                        producers.failedAttempts(), verdict.stored(), verdict.lost().size(), verdict.duplicated().size(),
                        restored.path("id").asLong(), lastCheckpoint);
                assertThat(cluster.pid("jobmanager")).isNotEqualTo(jobManager.pid());
            } finally {
                keepLogs(cluster.dir().resolve("log"));
            }
        }
    }

    /** Copies the cluster's logs to target/JobManagerHaITCase-logs/ (the run directory is a temporary one). */
    private static void keepLogs(Path logs) throws Exception {
        Path kept = Path.of("target", "JobManagerHaITCase-logs");
        TestDirs.delete(kept);
        Files.createDirectories(kept);
        try (java.util.stream.Stream<Path> files = Files.list(logs)) {
            for (Path f : files.toList()) {
                Files.copy(f, kept.resolve(f.getFileName()));
            }
        }
    }

    /** Prints when a step of the test was reached, for the report's timeline (the logs use the same clock). */
    private static void phase(String what) {
        System.out.println("[JobManagerHaITCase] " + java.time.LocalTime.now() + " " + what);
    }


    /** The TaskManager's log lines about the lost JobManager and its tasks, for the report. */
    private static String taskManagerEvents(ClusterScript cluster) throws Exception {
        List<String> lines = Files.readAllLines(cluster.dir().resolve("log/taskmanager-1.log"));
        return String.join("\n", lines.stream()
                .filter(l -> l.contains("JobManager") && (l.contains("lost") || l.contains("Disconnect") || l.contains("leader"))
                        || l.contains("switched from RUNNING to") || l.contains("Close JobManager connection"))
                .limit(40).toList());
    }
}
