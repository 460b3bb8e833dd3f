package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * The heap bound of replay at full size (issue 15): a savepoint holding one shard of {@code replay.records} (default
 * 5,000,000) records of 1 KiB, replayed by {@code bin/replay} in its own JVM with {@code -Xmx256m} (a shard twenty
 * times the heap), every record counted in the files. Only in the long profile: {@code mvn -B -pl tests -am -P long
 * test} (not in the default run: it puts 5 GB through Sluice and writes about 7 GB of JSON; it needs some 25 GB of
 * disk under {@code java.io.tmpdir}). {@code -Dreplay.records=N} runs it smaller.
 */
class ReplayHeapLongRun {

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(3);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension SLUICE = SluiceExtension.defaults();

    private static final int RECORDS = Integer.getInteger("replay.records", 5_000_000);
    private static final int BATCH = 500;
    private static final int RECORD_BYTES = 1024;
    private static final int PUTTERS = 4;

    @Test
    void aShardTwentyTimesTheHeapReplaysUnderXmx256m() throws Exception {
        Path dir = Files.createTempDirectory("replay-heap-");
        try {
            putRecords();
            String savepoint = SLUICE.job().triggerSavepoint(dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(30, TimeUnit.MINUTES);
            Path out = dir.resolve("out");
            Path stdout = dir.resolve("replay.out");
            Path stderr = dir.resolve("replay.err");
            Path repository = AppStreams.sql("tumbling-count.sql").getParent().getParent();
            ProcessBuilder pb = new ProcessBuilder(repository.resolve("bin/replay").toString(), "--from=" + savepoint, "--stream=heap",
                    "--to=files:" + out).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            pb.environment().remove("SLUICE_CONF_DIR");
            pb.environment().put("REPLAY_JAVA_OPTS", "-Xmx256m -XX:+ExitOnOutOfMemoryError");
            Process process = pb.start();
            try {
                assertThat(process.waitFor(2, TimeUnit.HOURS)).as("bin/replay ended within 2 h").isTrue();
            } finally {
                EmbeddedProcess.stopTree(process);
            }
            assertThat(process.exitValue()).as(Files.readString(stderr)).isZero();
            assertThat(Files.readString(stdout)).contains("Replayed " + RECORDS + " records of stream heap (1 shards)");
            long lines = 0;
            try (Stream<Path> parts = Files.list(out)) {
                for (Path part : parts.sorted().toList()) {
                    try (BufferedReader reader = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
                        while (reader.readLine() != null) {
                            lines++;
                        }
                    }
                }
            }
            assertThat(lines).isEqualTo(RECORDS);
        } finally {
            TestDirs.delete(dir);
        }
    }

    /** {@link #RECORDS} records of 1 KiB into one shard, {@link #BATCH} per PutRecords, from {@link #PUTTERS} clients. */
    private static void putRecords() throws Exception {
        try (Client admin = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            admin.api().createStream(b -> b.streamName("heap").shardCount(1));
            Streams.awaitActive(admin.api(), "heap");
        }
        AtomicInteger calls = new AtomicInteger(RECORDS / BATCH);
        ExecutorService putters = Executors.newFixedThreadPool(PUTTERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < PUTTERS; p++) {
                done.add(putters.submit(() -> {
                    try (Client client = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
                        KinesisClient kinesis = client.api();
                        List<PutRecordsRequestEntry> entries = new ArrayList<>();
                        for (int i = 0; i < BATCH; i++) {
                            entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i).data(SdkBytes.fromByteArray(new byte[RECORD_BYTES])).build());
                        }
                        while (calls.getAndDecrement() > 0) {
                            assertThat(kinesis.putRecords(b -> b.streamName("heap").records(entries)).failedRecordCount()).isZero();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            putters.shutdownNow();
        }
    }
}
