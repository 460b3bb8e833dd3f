package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.http.HttpSourceOptions;
import io.sluice.ingest.IngestOptions;
import io.sluice.tests.KinesisContents.ShardContents;
import io.sluice.tests.KinesisContents.StreamContents;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;

/**
 * Savepoints of a running Sluice job in tests: stop with one, copy one somewhere else (savepoints are relocatable), and
 * check what a job restored from one must do besides showing the same contents.
 */
final class Savepoints {

    private Savepoints() {}

    /**
     * Stops the job with a canonical savepoint under {@code directory} (not drained: the HTTP source is unbounded) and
     * waits until the job has finished; returns the savepoint's directory.
     */
    static Path stop(JobClient job, Path directory) throws Exception {
        String location = job.stopWithSavepoint(false, directory.toUri().toString(), SavepointFormatType.CANONICAL).get();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!job.getJobStatus().get().isGloballyTerminalState()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + job.getJobID() + " did not finish after its savepoint " + location);
            }
            Thread.sleep(20); // polling interval of a deadline loop
        }
        Path savepoint = location.contains(":") ? Path.of(URI.create(location)) : Path.of(location);
        if (!Files.isRegularFile(savepoint.resolve("_metadata"))) {
            throw new AssertionError("no _metadata in savepoint " + savepoint);
        }
        return savepoint;
    }

    /**
     * Starts the ingest job ({@link SluiceTestServer}) at {@code parallelism}, with as many HTTP endpoints (on a free port
     * and the ones after it), its checkpoints in {@code checkpoints}, restored from {@code savepoint} unless it is null
     * (without claiming it: Flink's default), {@code settings} on top.
     */
    static SluiceTestServer startIngest(Path checkpoints, int parallelism, Path savepoint, Consumer<Configuration> settings)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        conf.set(IngestOptions.HTTP_ENDPOINTS, parallelism);
        conf.set(HttpSourceOptions.PORT, EmbeddedProcess.freePort());
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toUri().toString());
        }
        settings.accept(conf);
        return SluiceTestServer.start(checkpoints, conf);
    }

    /** The names of the fixtures starting with {@code prefix} under {@code savepoints/} on the test classpath; at least one. */
    static List<String> fixtures(String prefix) throws IOException {
        try (Stream<Path> dirs = Files.list(fixtureRoot())) {
            List<String> names = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix))
                    .sorted().toList();
            assertThat(names).as("%s* fixture savepoints under %s", prefix, fixtureRoot()).isNotEmpty();
            return names;
        }
    }

    /** The fixtures as the build copied them ({@code target/test-classes/savepoints}). */
    static Path fixtureRoot() {
        URL url = Savepoints.class.getResource("/savepoints");
        assertThat(url).as("savepoints/ on the test classpath").isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Where a new fixture {@code name} goes: {@code tests/src/test/resources/savepoints/NAME}, which must not exist yet
     * (a fixture is never overwritten).
     */
    static Path newFixture(String name, String prefix) {
        assertThat(name).as("a fixture's name").matches(prefix + "[a-z0-9.-]+");
        Path target = EmbeddedProcess.repositoryRoot().resolve("tests/src/test/resources/savepoints").resolve(name);
        assertThat(target).as("an existing fixture is never overwritten").doesNotExist();
        return target;
    }

    /** Copies the savepoint directory {@code from} (files only, one level, as Flink writes them) to a new {@code to}. */
    static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (!Files.isRegularFile(f)) {
                    throw new IOException("savepoint " + from + " holds a directory " + f + "; expected files only");
                }
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    /** The names of the files in a savepoint directory, sorted. */
    static List<String> files(Path savepoint) throws IOException {
        try (Stream<Path> files = Files.list(savepoint)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Puts one record on every open shard (its explicit hash key the shard's first) and checks that Sluice put it there
     * with a sequence number above every one that {@code before} shows on the shard; returns how many it put.
     */
    static int putOnEveryOpenShard(KinesisClient kinesis, KinesisContents before, String partitionKey) {
        int puts = 0;
        for (StreamContents stream : before.streams()) {
            for (ShardContents shard : stream.shards()) {
                if (!shard.isOpen()) {
                    continue;
                }
                PutRecordResponse r = kinesis.putRecord(b -> b.streamName(stream.name()).partitionKey(partitionKey)
                        .explicitHashKey(shard.startingHashKey()).data(SdkBytes.fromUtf8String(partitionKey)));
                assertThat(r.shardId()).isEqualTo(shard.shardId());
                BigInteger highest = shard.records().stream().map(rec -> new BigInteger(rec.sequenceNumber()))
                        .max(BigInteger::compareTo).orElse(new BigInteger(shard.startingSequenceNumber()));
                assertThat(new BigInteger(r.sequenceNumber())).as("new sequence number on %s/%s", stream.name(), shard.shardId())
                        .isGreaterThan(highest);
                puts++;
            }
        }
        return puts;
    }

    /**
     * The job runs at {@code parallelism} (the source, the router, the catalog and the shard log; the registry always at
     * 1), each with 128 key groups: the number a savepoint's keyed state is split into, which must never change.
     */
    static void assertParallelism(MiniCluster cluster, SluiceTestServer sluice, int parallelism) throws Exception {
        AccessExecutionGraph graph = cluster.getExecutionGraph(sluice.job().getJobID()).get();
        Map<String, Integer> byVertex = new TreeMap<>();
        for (AccessExecutionJobVertex v : graph.getAllVertices().values()) {
            byVertex.put(v.getName(), v.getParallelism());
            assertThat(v.getMaxParallelism()).as("max parallelism of %s", v.getName()).isEqualTo(128);
        }
        Map<String, Integer> expected = byVertex.keySet().stream()
                .collect(Collectors.toMap(n -> n, n -> n.contains("StreamRegistry") ? 1 : parallelism, (a, b) -> a, TreeMap::new));
        assertThat(byVertex).isEqualTo(expected);
        assertThat(byVertex.keySet()).anyMatch(n -> n.contains("ShardLog")).anyMatch(n -> n.contains("HttpRequestSource"));
    }
}
