package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * {@code bin/cluster} itself (README "Cluster"): {@code start} a JobManager and a TaskManager process, {@code submit
 * ingest} its job jar, the AWS SDK against the reader's port, {@code status}, {@code stop}, and no JVM left behind;
 * and the clear refusals (a taken REST port, an unknown job, no cluster to submit to). Needs the jars that
 * {@code mvn package} builds.
 */
class ClusterScriptITCase {

    @TempDir
    Path temp;

    @Test
    void startsSubmitsTheIngestJobAndStopsWithNothingLeft() throws Exception {
        Path dir = temp.resolve("run");
        List<String> sequenceNumbers = new ArrayList<>();
        try (ClusterScript cluster = new ClusterScript(dir)) {
            cluster.start(1, List.of());
            assertThat(cluster.processes()).as("JobManager, TaskManager, front").hasSize(3);
            assertThat(cluster.get("/overview").path("taskmanagers").asInt()).isEqualTo(1);
            // Through the front: the reader binds a free port and publishes it (bin/cluster submit's defaults).
            URI endpoint = cluster.streams();
            String jobId = cluster.submit("ingest", List.of("sluice.http.host=127.0.0.1"));
            assertThat(jobId).matches("[0-9a-f]{32}");
            cluster.awaitRunning(jobId, Duration.ofSeconds(120));
            SluiceTestServer.awaitReady(endpoint, Duration.ofSeconds(60));

            try (KinesisClients.Client client = KinesisClients.create(KinesisClients.Kind.SYNC_CBOR, endpoint)) {
                KinesisClient kinesis = client.api();
                kinesis.createStream(b -> b.streamName("orders").shardCount(1));
                Streams.awaitActive(kinesis, "orders");
                for (int i = 0; i < 5; i++) {
                    String data = "order-" + i;
                    PutRecordResponse put = kinesis.putRecord(b -> b.streamName("orders").partitionKey("p" + data)
                            .data(SdkBytes.fromUtf8String(data)));
                    sequenceNumbers.add(put.sequenceNumber());
                }
                List<Record> records = Streams.readAll(kinesis, "orders", "shardId-000000000000", 100);
                assertThat(records).extracting(r -> r.data().asUtf8String())
                        .containsExactly("order-0", "order-1", "order-2", "order-3", "order-4");
                assertThat(records).extracting(Record::sequenceNumber).containsExactlyElementsOf(sequenceNumbers);
            }

            // bin/replay --rest on this stock cluster: the ingest job jar (State Processor API and Parquet in it) goes with the job.
            String savepoint = cluster.savepoint(jobId, temp.resolve("savepoints"), Duration.ofSeconds(60));
            Path replayed = temp.resolve("replayed");
            ProcessBuilder replay = new ProcessBuilder("bin/replay", "--from=" + savepoint, "--stream=orders", "--rest=" + cluster.rest().getAuthority(),
                    "--to=files:" + replayed).directory(EmbeddedProcess.repositoryRoot().toFile()).redirectErrorStream(true)
                    .redirectOutput(temp.resolve("replay.log").toFile());
            Process process = replay.start();
            try {
                assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("bin/replay ended within 120 s").isTrue();
            } finally {
                EmbeddedProcess.stopTree(process);
            }
            assertThat(process.exitValue()).as(Files.readString(temp.resolve("replay.log"))).isZero();
            List<String> lines = Files.readAllLines(replayed.resolve("shardId-000000000000-00000.jsonl"));
            assertThat(lines).hasSize(5);
            assertThat(lines.stream().map(line -> line.replaceAll(".*\"sequenceNumber\":\"([0-9]+)\".*", "$1")))
                    .containsExactlyElementsOf(sequenceNumbers);

            String status = cluster.succeed(List.of("status"), Duration.ofSeconds(30));
            assertThat(status).contains("jobmanager: running (pid " + cluster.pid("jobmanager") + ")")
                    .contains("taskmanager-1: running (pid " + cluster.pid("taskmanager-1") + ")")
                    .contains("front: running (pid " + cluster.pid("front") + ")")
                    .contains("TaskManagers: 1, slots: 4").contains("jobs running: 1");
            try (Stream<Path> jobs = Files.list(dir.resolve("checkpoints"))) {
                assertThat(jobs.map(p -> p.getFileName().toString())).contains(jobId);
            }
        }
        assertThat(new ClusterScript(dir).processes()).as("JVMs left after bin/cluster stop").isEmpty();
        assertThat(dir.resolve("pids/jobmanager.pid")).doesNotExist();
        assertThat(dir.resolve("pids/taskmanager-1.pid")).doesNotExist();
        assertThat(dir.resolve("pids/front.pid")).doesNotExist();
        assertThat(dir.resolve("log/jobmanager.log")).isNotEmptyFile();
        assertThat(new ClusterScript(dir).succeed(List.of("status"), Duration.ofSeconds(30)))
                .isEqualTo("No cluster is running in " + dir.toRealPath() + "\n");
    }

    @Test
    void refusesARestPortInUse() throws Exception {
        Path dir = temp.resolve("taken");
        ClusterScript cluster = new ClusterScript(dir);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> args = new ArrayList<>(List.of("start", "--taskmanagers=1"));
            args.addAll(cluster.portOverrides());
            args.add("rest.port=" + taken.getLocalPort());
            JvmProcess.Result result = cluster.run(args, Duration.ofMinutes(1));
            assertThat(result.status()).isEqualTo(1);
            assertThat(result.err()).isEqualTo("bin/cluster: port " + taken.getLocalPort() + " (rest.port) on 127.0.0.1 is in use: "
                    + "another Flink cluster or bin/sluice? Stop it, or start with rest.port=<free port>\n");
        }
        assertThat(cluster.processes()).isEmpty();
    }

    @Test
    void refusesAFrontPortInUseBeforeStartingAnything() throws Exception {
        Path dir = temp.resolve("front-taken");
        ClusterScript cluster = new ClusterScript(dir);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> args = new ArrayList<>(List.of("start", "--taskmanagers=1"));
            args.addAll(cluster.portOverrides());
            args.add("sluice.front.streams-port=" + taken.getLocalPort());
            JvmProcess.Result result = cluster.run(args, Duration.ofMinutes(1));
            assertThat(result.status()).isEqualTo(1);
            assertThat(result.err()).isEqualTo("bin/cluster: port " + taken.getLocalPort() + " (sluice.front.streams-port, the front's)"
                    + " on 127.0.0.1 is in use: bin/sluice? Stop it, or start with sluice.front.streams-port=<free port>\n");
        }
        assertThat(cluster.processes()).isEmpty();
    }

    @Test
    void saysToBuildWhenNothingIsBuilt() throws Exception {
        Path repository = Files.createDirectories(temp.resolve("clean-clone"));
        Path root = EmbeddedProcess.repositoryRoot();
        Files.createDirectories(repository.resolve("bin"));
        Files.copy(root.resolve("bin/cluster"), repository.resolve("bin/cluster"));
        Files.copy(root.resolve("pom.xml"), repository.resolve("pom.xml"));
        ClusterScript cluster = new ClusterScript(temp.resolve("unbuilt"), repository.resolve("bin/cluster"));

        JvmProcess.Result start = cluster.run(List.of("start"), Duration.ofSeconds(30));
        assertThat(start.status()).isEqualTo(1);
        assertThat(start.err()).isEqualTo("bin/cluster: nothing is built (" + repository.toRealPath()
                + "/ingest-job/target/classpath.txt is missing): run mvn -B package -DskipTests first\n");

        JvmProcess.Result submit = cluster.run(List.of("submit", "delivery"), Duration.ofSeconds(30));
        assertThat(submit.status()).isEqualTo(1);
        assertThat(submit.err()).isEqualTo("bin/cluster: delivery-job/target/sluice-delivery-job-" + BuiltJars.version()
                + "-job.jar is not built: run mvn -B package -DskipTests first\n");
        assertThat(cluster.processes()).isEmpty();
    }

    @Test
    void refusesUnknownJobsAndSubmissionsWithoutACluster() throws Exception {
        ClusterScript cluster = new ClusterScript(temp.resolve("none"));
        JvmProcess.Result unknown = cluster.run(List.of("submit", "billing"), Duration.ofSeconds(30));
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("bin/cluster: unknown job 'billing': ingest, delivery or analytics\n");

        JvmProcess.Result noCluster = cluster.run(List.of("submit", "ingest"), Duration.ofSeconds(30));
        assertThat(noCluster.status()).isEqualTo(1);
        assertThat(noCluster.err()).isEqualTo("bin/cluster: no cluster was started in " + cluster.dir().toRealPath()
                + ": bin/cluster start first\n");

        JvmProcess.Result badCount = cluster.run(List.of("start", "--taskmanagers=zero"), Duration.ofSeconds(30));
        assertThat(badCount.status()).isEqualTo(1);
        assertThat(badCount.err()).isEqualTo("bin/cluster: --taskmanagers takes a positive number, not 'zero'\n");
    }
}
