package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.sluice.ingest.embedded.RetainedCheckpoints;
import io.sluice.ingest.replay.ReplayCommand;
import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import io.sluice.ingest.replay.ReplayQuery;
import io.sluice.ingest.replay.ReplayedRecord;
import io.sluice.ingest.replay.ShardLogReadFunction;
import io.sluice.ingest.replay.ShardLogSavepoint;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.kinesis.retrieval.kpl.Messages;

/**
 * Replay end to end: records put with the SDK into a stream of two shards, one of them split (lineage), with a KPL
 * aggregate among them; a savepoint of the running ingest job taken through Flink; {@code bin/replay}'s command run on
 * it into files, in this JVM (on the test's cluster) and once as the script in its own JVM. The files are checked
 * record by record against what GetRecords answers for the same shards (sequence numbers, keys, data, arrival times),
 * in shard order. Last, with the job cancelled, its retained checkpoint (state changelog) is refused with what to do instead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayITCase {

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(3);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension SLUICE = SluiceExtension.defaults();

    private static final String STREAM = "orders";
    private static final String BULK = "bulk";
    private static final int BULK_RECORDS = 6_000;
    private static final int BULK_BATCH = 500;
    private static final int BULK_BYTES = 100;
    private static final BigInteger HALF = BigInteger.ONE.shiftLeft(127);
    private static final BigInteger QUARTER = BigInteger.ONE.shiftLeft(126);
    private static final BigInteger MAX_HASH = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path dir;
    private static String savepoint;
    private static long firstPut;
    private static long betweenBatches;
    private static long lastPut;
    /** Each shard's records as GetRecords returns them. */
    private static List<Record> shard0;
    private static List<Record> shard1;
    private static List<Record> shard2;
    private static List<Record> shard3;
    private static PutRecordResponse aggregate;

    @BeforeAll
    static void putSplitAndSavepoint() throws Exception {
        dir = Files.createTempDirectory("replay-it-");
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName(STREAM).shardCount(2));
            Streams.awaitActive(kinesis, STREAM);
            String low = Streams.keyIn(BigInteger.ZERO, QUARTER.subtract(BigInteger.ONE));
            String high = Streams.keyIn(QUARTER, HALF.subtract(BigInteger.ONE));
            String other = Streams.keyIn(HALF, MAX_HASH);
            firstPut = System.currentTimeMillis();
            put(kinesis, low, "a-low-1");
            put(kinesis, high, "a-high-1");
            put(kinesis, other, "a-other-1");
            put(kinesis, low, "a-low-2");
            put(kinesis, other, "a-other-2");
            betweenBatches = System.currentTimeMillis();
            Streams.awaitClockPast(betweenBatches);
            kinesis.splitShard(b -> b.streamName(STREAM).shardToSplit("shardId-000000000000").newStartingHashKey(QUARTER.toString()));
            Streams.awaitActive(kinesis, STREAM);
            put(kinesis, high, "b-high-1");
            put(kinesis, low, "b-low-1");
            put(kinesis, other, "b-other-1");
            byte[] kpl = kplAggregate();
            aggregate = kinesis.putRecord(b -> b.streamName(STREAM).partitionKey(other).data(SdkBytes.fromByteArray(kpl)));
            put(kinesis, low, "b-low-2");
            lastPut = System.currentTimeMillis();
            shard0 = Streams.readAll(kinesis, STREAM, "shardId-000000000000", 100);
            shard1 = Streams.readAll(kinesis, STREAM, "shardId-000000000001", 100);
            shard2 = Streams.readAll(kinesis, STREAM, "shardId-000000000002", 100);
            shard3 = Streams.readAll(kinesis, STREAM, "shardId-000000000003", 100);
        }
        assertThat(texts(shard0)).containsExactly("a-low-1", "a-high-1", "a-low-2");
        assertThat(texts(shard1)).hasSize(4).startsWith("a-other-1", "a-other-2", "b-other-1");
        assertThat(texts(shard2)).containsExactly("b-low-1", "b-low-2");
        assertThat(texts(shard3)).containsExactly("b-high-1");
        putBulk();
        savepoint = SLUICE.job().triggerSavepoint(dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL).get();
    }

    /** {@value #BULK_RECORDS} records in one shard, {@value #BULK_BATCH} per PutRecords: many blocks. */
    private static void putBulk() throws Exception {
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName(BULK).shardCount(1));
            Streams.awaitActive(kinesis, BULK);
            for (int call = 0; call < BULK_RECORDS / BULK_BATCH; call++) {
                List<PutRecordsRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < BULK_BATCH; i++) {
                    entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i)
                            .data(SdkBytes.fromByteArray(new byte[BULK_BYTES])).build());
                }
                assertThat(kinesis.putRecords(b -> b.streamName(BULK).records(entries)).failedRecordCount()).isZero();
            }
        }
    }

    @AfterAll
    static void deleteFiles() throws Exception {
        TestDirs.delete(dir);
    }

    @Test
    @Order(0)
    void replaysEveryShardParentsFirstWithTheSequenceNumbersKeysDataAndArrivalTimesOfGetRecords() throws Exception {
        Path out = dir.resolve("all");
        Result r = replay("--from=" + savepoint, "--stream=" + STREAM, "--to=files:" + out);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("Replayed 10 records of stream orders (4 shards)");
        List<JsonNode> rows = rows(out);
        List<String> expected = new ArrayList<>();
        for (List<Record> shard : List.of(shard0, shard1, shard2, shard3)) {
            shard.forEach(rec -> expected.add(row(rec, shardOf(rec))));
        }
        assertThat(rows.stream().map(ReplayITCase::compact)).containsExactlyElementsOf(expected);
        assertThat(rows).allSatisfy(row -> assertThat(row.get("arrivalTime").asLong()).isBetween(firstPut, lastPut));
        assertThat(rows).extracting(row -> row.get("shardId").asText()).containsExactly(
                "shardId-000000000000", "shardId-000000000000", "shardId-000000000000",
                "shardId-000000000001", "shardId-000000000001", "shardId-000000000001", "shardId-000000000001",
                "shardId-000000000002", "shardId-000000000002", "shardId-000000000003")
                .as("the parent shard 0 before its children 2 and 3");
    }

    @Test
    @Order(1)
    void parquetHoldsTheSameRowsAsJsonLines() throws Exception {
        Path out = dir.resolve("parquet");
        Result r = replay("--from=" + savepoint, "--stream=" + STREAM, "--to=files:" + out + "?format=parquet");
        assertThat(r.status()).as(r.err()).isZero();
        List<String> rows = new ArrayList<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path part : parts.sorted().toList()) {
                assertThat(part.getFileName().toString()).endsWith(".parquet");
                try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(part.toUri())).build()) {
                    for (Group g = reader.read(); g != null; g = reader.read()) {
                        rows.add(String.join("|", g.getString("stream", 0), g.getString("shardId", 0), g.getString("sequenceNumber", 0),
                                Long.toString(g.getLong("subSequenceNumber", 0)), g.getString("partitionKey", 0),
                                Long.toString(g.getLong("arrivalTime", 0)),
                                Base64.getEncoder().encodeToString(g.getBinary("data", 0).getBytes())));
                    }
                }
            }
        }
        assertThat(rows).containsExactlyElementsOf(rows(dir.resolve("all")).stream().map(ReplayITCase::compact).toList());
    }

    @Test
    @Order(2)
    void deaggregatesKplRecordsIntoOneRowEachWithSubSequenceNumbersAndExplicitHashKeys() throws Exception {
        Path out = dir.resolve("deaggregated");
        Result r = replay("--from=" + savepoint, "--stream=" + STREAM, "--shards=" + aggregate.shardId(), "--deaggregate", "--to=files:" + out);
        assertThat(r.status()).as(r.err()).isZero();
        List<JsonNode> rows = rows(out).stream().filter(row -> row.get("sequenceNumber").asText().equals(aggregate.sequenceNumber())).toList();
        assertThat(rows).extracting(row -> row.get("subSequenceNumber").asLong()).containsExactly(0L, 1L, 2L);
        assertThat(rows).extracting(row -> row.get("partitionKey").asText()).containsExactly("user-a", "user-b", "user-a");
        assertThat(rows).extracting(row -> row.has("explicitHashKey") ? row.get("explicitHashKey").asText() : null)
                .containsExactly(null, MAX_HASH.toString(), "7");
        assertThat(rows).extracting(ReplayITCase::text).containsExactly("one", "two", "three");
        assertThat(rows(out)).hasSize(shard1.size() - 1 + 3);
    }

    @Test
    @Order(3)
    void aStartTimeReplaysOnlyWhatArrivedFromThenOn() throws Exception {
        Path out = dir.resolve("from-time");
        Result r = replay("--from=" + savepoint, "--stream=" + STREAM, "--start=" + Instant.ofEpochMilli(betweenBatches + 1), "--to=files:" + out);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(rows(out)).extracting(ReplayITCase::text).containsExactly("b-other-1", null, "b-low-1", "b-low-2", "b-high-1");
    }

    @Test
    @Order(4)
    void sequenceNumbersBoundOneShardInclusively() throws Exception {
        Path out = dir.resolve("by-sequence");
        Result r = replay("--from=" + savepoint, "--stream=" + STREAM,
                "--start=" + shard1.get(1).sequenceNumber(), "--end=" + shard1.get(2).sequenceNumber(), "--to=files:" + out);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(rows(out)).extracting(row -> row.get("sequenceNumber").asText())
                .containsExactly(shard1.get(1).sequenceNumber(), shard1.get(2).sequenceNumber());
    }

    @Test
    @Order(5)
    void aRangeThatHoldsNoRecordFailsAndWritesNothing() throws Exception {
        Path out = dir.resolve("empty");
        Result r = replay("--from=" + savepoint, "--stream=" + STREAM, "--end=" + (firstPut - 1), "--to=files:" + out);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("The range is empty: stream orders holds no records up to").contains("nothing was written");
        assertNothingWritten(out);

        Result reversed = replay("--from=" + savepoint, "--stream=" + STREAM, "--start=" + lastPut, "--end=" + firstPut, "--to=files:" + out);
        assertThat(reversed.status()).isEqualTo(1);
        assertThat(reversed.err()).contains("The range is empty: --start=" + Instant.ofEpochMilli(lastPut) + " is after --end=");
        assertNothingWritten(out);
    }

    @Test
    @Order(6)
    void aPathThatIsNotASavepointAStreamNotInItAndAnUnknownTargetFailClearly() throws Exception {
        Path out = dir.resolve("bad");
        Path notASavepoint = Files.createDirectories(dir.resolve("not-a-savepoint"));
        Result noSavepoint = replay("--from=" + notASavepoint, "--stream=" + STREAM, "--to=files:" + out);
        assertThat(noSavepoint.status()).isEqualTo(1);
        assertThat(noSavepoint.err()).contains(notASavepoint + " is not a savepoint or retained checkpoint of the ingest job");

        Result noStream = replay("--from=" + savepoint, "--stream=payments", "--to=files:" + out);
        assertThat(noStream.status()).isEqualTo(1);
        assertThat(noStream.err()).contains("Stream payments is not in " + savepoint + "; it holds the streams bulk, orders");

        Result unknownTarget = replay("--from=" + savepoint, "--stream=" + STREAM, "--to=kafka:orders");
        assertThat(unknownTarget.status()).isEqualTo(1);
        assertThat(unknownTarget.err()).contains("Unknown target kafka:orders: use one of files:PATH");

        Result countWithAName = replay("--from=" + savepoint, "--stream=" + STREAM, "--to=count:orders");
        assertThat(countWithAName.status()).isEqualTo(1);
        assertThat(countWithAName.err()).contains("count takes nothing after it: --to=count");

        Result noShard = replay("--from=" + savepoint, "--stream=" + STREAM, "--shards=shardId-000000000009", "--to=files:" + out);
        assertThat(noShard.status()).isEqualTo(1);
        assertThat(noShard.err()).contains("Stream orders has no shard shardId-000000000009 in this savepoint");

        Result usage = replay("--from=" + savepoint, "--stream", "--to=files:" + out);
        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.err()).contains("--stream needs a value").contains("usage: bin/replay");
        assertNothingWritten(out);
    }

    @Test
    @Order(6)
    void withoutFromTheNewestSavepointUnderTheDataDirectoryReplays() throws Exception {
        // The test's savepoints are under dir/savepoints, as README's REST call puts bin/sluice's under sluice-data/savepoints;
        // a newer one of the Firehose job beside them is not the ingest job's, and is passed over.
        Path firehose = Savepoints.copy(Savepoints.fixtureRoot().resolve("firehose-2026-12-05/savepoint"),
                dir.resolve("savepoints/savepoint-firehose-newer"));
        Files.setLastModifiedTime(firehose.resolve("_metadata"), FileTime.from(Instant.now().plusSeconds(60)));
        Result r = replay("--stream=" + STREAM, "--shards=shardId-000000000001", "--to=count", "sluice.data-dir=" + dir);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("Replayed ").contains(savepoint.substring(savepoint.lastIndexOf('/') + 1));
    }

    @Test
    @Order(6)
    void countReadsTheRangeAndWritesNothing() throws Exception {
        Result counted = replay("--from=" + savepoint, "--stream=" + STREAM, "--shards=shardId-000000000001", "--to=count");
        assertThat(counted.status()).as(counted.err()).isZero();
        long expected = rows(dir.resolve("all")).stream().filter(r -> r.get("shardId").asText().equals("shardId-000000000001")).count();
        assertThat(counted.out()).contains("Replayed " + expected + " records of stream orders (1 shards) from " + savepoint
                + " into count (nothing written) (the replay job ran ").containsPattern("reading [0-9.]+ s: [0-9]+ records/s\\)");
    }

    @Test
    @Order(7)
    void theScriptReplaysInItsOwnJvm() throws Exception {
        Path out = dir.resolve("script");
        Path repository = AppStreams.sql("tumbling-count.sql").getParent().getParent();
        Path stdout = dir.resolve("script.out");
        Path stderr = dir.resolve("script.err");
        ProcessBuilder pb = new ProcessBuilder(repository.resolve("bin/replay").toString(), "--from=" + savepoint, "--stream=" + STREAM,
                "--to=files:" + out).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("SLUICE_CONF_DIR");
        pb.environment().put("REPLAY_JAVA_OPTS", "-Xmx256m");
        // As beside a running bin/sluice: its REST port (rest.port in flink-conf/config.yaml) is taken.
        try (ServerSocket restPortTaken = occupy(8081)) {
            Process process = pb.start();
            try {
                assertThat(process.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)).as("bin/replay ended within 180 s").isTrue();
            } finally {
                EmbeddedProcess.stopTree(process);
            }
            assertThat(process.exitValue()).as(Files.readString(stderr)).isZero();
        }
        assertThat(Files.readString(stdout)).contains("Replayed 10 records of stream orders (4 shards)");
        assertThat(rows(out).stream().map(ReplayITCase::compact)).containsExactlyElementsOf(rows(dir.resolve("all")).stream().map(ReplayITCase::compact).toList());
    }

    /** Binds the port on loopback, or null when something else holds it already (taken either way). */
    private static ServerSocket occupy(int port) {
        try {
            return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        } catch (IOException taken) {
            return null;
        }
    }

    @Test
    @Order(8)
    void readsOneBlockAtATimeNeverAWholeShard() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        ShardLogSavepoint.open(savepoint).records(env, ReplayQuery.of(BULK)).sinkTo(new DiscardingSink<>());
        JobExecutionResult result = env.execute("replay bulk");
        long blocks = result.getAccumulatorResult(ShardLogReadFunction.BLOCKS_READ);
        long peakRecords = result.getAccumulatorResult(ShardLogReadFunction.PEAK_READ_RECORDS);
        long peakBytes = result.getAccumulatorResult(ShardLogReadFunction.PEAK_READ_BYTES);
        // 12 appends of 500 records in 512-offset buckets: each append is one block, or two where it crosses a bucket.
        assertThat(blocks).isBetween((long) BULK_RECORDS / BULK_BATCH, 2L * BULK_RECORDS / BULK_BATCH);
        assertThat(peakRecords).as("records one read emitted (buffered whole by the State Processor API)").isLessThanOrEqualTo(BULK_BATCH)
                .isLessThan(BULK_RECORDS);
        assertThat(peakBytes).isEqualTo(peakRecords * BULK_BYTES);
    }

    @Test
    @Order(8)
    void readsIndependentLineagesInParallelStraightFromTheSavepointFiles() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(3);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        // orders: shard 0 split into 2 and 3, shard 1 untouched: two lineages, so two readers (the State Processor API
        // path, for incremental checkpoints, reads at parallelism 1).
        DataStream<ReplayedRecord> records = ShardLogSavepoint.open(savepoint).records(env, ReplayQuery.of(STREAM));
        assertThat(records.getParallelism()).isEqualTo(2);
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<ReplayedRecord> it = records.executeAndCollect("replay orders in parallel")) {
            it.forEachRemaining(r -> rows.add(r.shardId() + "|" + r.sequenceNumber()));
        }
        List<String> expected = rows(dir.resolve("all")).stream().map(r -> r.get("shardId").asText() + "|" + r.get("sequenceNumber").asText())
                .toList();
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
        for (String lineage : List.of("shardId-000000000000|shardId-000000000002|shardId-000000000003", "shardId-000000000001")) {
            List<String> shards = List.of(lineage.split("\\|"));
            assertThat(rows.stream().filter(r -> shards.contains(r.split("\\|")[0])).toList()).as(lineage)
                    .containsExactlyElementsOf(expected.stream().filter(r -> shards.contains(r.split("\\|")[0])).toList());
        }
    }

    @Test
    @Order(9)
    void runsOnTheClusterThatRestNames() throws Exception {
        Configuration client = FLINK.getClientConfiguration();
        Path out = dir.resolve("remote");
        Result r = replay("--from=" + savepoint, "--stream=" + STREAM, "--rest=" + client.get(RestOptions.ADDRESS) + ":" + client.get(RestOptions.PORT),
                "--to=files:" + out);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(rows(out).stream().map(ReplayITCase::compact)).containsExactlyElementsOf(rows(dir.resolve("all")).stream().map(ReplayITCase::compact).toList());
    }

    @Test
    @Order(10)
    void reingestsIntoAStreamWithTheSameKeysAndData() throws Exception {
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            Result missing = replay("--from=" + savepoint, "--stream=" + STREAM, "--to=stream:orders-copy?endpoint=" + SLUICE.endpoint());
            assertThat(missing.status()).isEqualTo(1);
            assertThat(missing.err()).contains("Stream orders-copy does not exist at " + SLUICE.endpoint() + ": create it first");

            kinesis.createStream(b -> b.streamName("orders-copy").shardCount(1));
            Streams.awaitActive(kinesis, "orders-copy");
            Result r = replay("--from=" + savepoint, "--stream=" + STREAM, "--to=stream:orders-copy?endpoint=" + SLUICE.endpoint());
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).contains("Replayed 10 records of stream orders (4 shards)").contains("into stream:orders-copy at " + SLUICE.endpoint());
            List<String> copied = Streams.readAll(kinesis, "orders-copy", "shardId-000000000000", 100).stream()
                    .map(rec -> rec.partitionKey() + "|" + Base64.getEncoder().encodeToString(rec.data().asByteArray())).toList();
            assertThat(copied).containsExactlyInAnyOrderElementsOf(rows(dir.resolve("all")).stream()
                    .map(row -> row.get("partitionKey").asText() + "|" + row.get("data").asText()).toList());
        }
    }

    @Test
    @Order(11)
    void aRetainedCheckpointInTheChangelogFormatIsRefusedWithWhatToDoInstead() throws Exception {
        SluiceExtension.cancelAndAwait(SLUICE.job());
        Path checkpoint = RetainedCheckpoints.latest(SLUICE.checkpoints()).orElseThrow();
        Path out = dir.resolve("from-checkpoint");
        Result r = replay("--from=" + checkpoint, "--stream=" + STREAM, "--to=files:" + out);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains(checkpoint + " is a retained checkpoint in the state-changelog format")
                .contains("Replay a savepoint instead: take a savepoint of the running ingest job")
                .contains("/jobs/JOB_ID/savepoints");
        assertNothingWritten(out);
    }

    // --- helpers

    record Result(int status, String out, String err) {}

    /** {@code bin/replay}'s command in this JVM: its jobs run on the test's cluster. */
    private static Result replay(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new ReplayCommand(dir, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute(args);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertNothingWritten(Path out) throws Exception {
        assertThat(out).doesNotExist();
        try (Stream<Path> siblings = Files.list(out.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("." + out.getFileName()));
        }
    }

    private static List<JsonNode> rows(Path out) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path part : parts.sorted().toList()) {
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    if (!line.isEmpty()) {
                        rows.add(JSON.readTree(line));
                    }
                }
            }
        }
        return rows;
    }

    /** The row GetRecords' record should become (no explicit hash key: a plain record carries none). */
    private static String row(Record r, String shardId) {
        return String.join("|", STREAM, shardId, r.sequenceNumber(), "0", r.partitionKey(),
                Long.toString(r.approximateArrivalTimestamp().toEpochMilli()), Base64.getEncoder().encodeToString(r.data().asByteArray()));
    }

    private static String compact(JsonNode row) {
        return String.join("|", row.get("stream").asText(), row.get("shardId").asText(), row.get("sequenceNumber").asText(),
                row.get("subSequenceNumber").asText(), row.get("partitionKey").asText(), row.get("arrivalTime").asText(), row.get("data").asText());
    }

    private static String shardOf(Record r) {
        for (var entry : List.of(shard0, shard1, shard2, shard3)) {
            if (entry.contains(r)) {
                return "shardId-00000000000" + List.of(shard0, shard1, shard2, shard3).indexOf(entry);
            }
        }
        throw new AssertionError("unknown record " + r);
    }

    /** The row's data as text, or null when it is a KPL aggregate (binary). */
    private static String text(JsonNode row) {
        byte[] data = Base64.getDecoder().decode(row.get("data").asText());
        return data.length > 0 && data[0] == (byte) 0xF3 ? null : new String(data, StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<Record> records) {
        return records.stream().map(r -> {
            byte[] data = r.data().asByteArray();
            return data.length > 0 && data[0] == (byte) 0xF3 ? "(aggregate)" : new String(data, StandardCharsets.UTF_8);
        }).toList();
    }

    private static void put(KinesisClient kinesis, String key, String text) {
        kinesis.putRecord(b -> b.streamName(STREAM).partitionKey(key).data(SdkBytes.fromUtf8String(text)));
    }

    /** Three user records in one KPL aggregate, built with the KPL's own protobuf classes (as the KCL ships them). */
    private static byte[] kplAggregate() throws Exception {
        byte[] body = Messages.AggregatedRecord.newBuilder()
                .addPartitionKeyTable("user-a")
                .addPartitionKeyTable("user-b")
                .addExplicitHashKeyTable(MAX_HASH.toString())
                .addExplicitHashKeyTable("7")
                .addRecords(Messages.Record.newBuilder().setPartitionKeyIndex(0).setData(ByteString.copyFromUtf8("one")))
                .addRecords(Messages.Record.newBuilder().setPartitionKeyIndex(1).setExplicitHashKeyIndex(0).setData(ByteString.copyFromUtf8("two")))
                .addRecords(Messages.Record.newBuilder().setPartitionKeyIndex(0).setExplicitHashKeyIndex(1).setData(ByteString.copyFromUtf8("three")))
                .build().toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2});
        out.write(body);
        out.write(MessageDigest.getInstance("MD5").digest(body));
        return out.toByteArray();
    }
}
