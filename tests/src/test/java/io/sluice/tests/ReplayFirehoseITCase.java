package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.ingest.replay.ReplayCommand;
import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Replay into Firehose end to end: the ingest job and the Firehose delivery job (LOCAL buckets) on one cluster; records
 * put with the SDK into a stream of three shards; a savepoint of the ingest job; {@code bin/replay}'s command run on it
 * with {@code --to=firehose:NAME}; the delivered objects read back. Firehose writes records back to back and the target
 * adds no delimiter, so each record's data ends in its own newline: the objects' lines are the replayed records, every
 * one exactly once, shard by shard in sequence order. A delivery stream that does not exist fails and delivers nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayFirehoseITCase {

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(4);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension STREAMS = SluiceExtension.defaults();

    @RegisterExtension
    @Order(3)
    static final SluiceExtension FIREHOSE = SluiceExtension.firehoseWithLocalBuckets(conf -> {});

    private static final String STREAM = "events";
    private static final String BUCKET = "replayed";
    /** Several PutRecordBatch calls (at most 500 records each): their order in the objects is the replay's. */
    private static final int RECORDS = 2_400;
    private static final int PER_PUT = 400;

    private static Path dir;
    private static String savepoint;
    /** The records' data in replay order: shard by shard (index order, no lineage), each in sequence order. */
    private static List<String> replayOrder;
    private static Map<String, String> shardOfRecord;

    @BeforeAll
    static void putAndSavepoint() throws Exception {
        dir = Files.createTempDirectory("replay-firehose-it-");
        Map<String, TreeMap<BigInteger, String>> shards = new TreeMap<>();
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, STREAMS.endpoint())) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName(STREAM).shardCount(3));
            Streams.awaitActive(kinesis, STREAM);
            for (int first = 0; first < RECORDS; first += PER_PUT) {
                List<PutRecordsRequestEntry> entries = new ArrayList<>();
                for (int i = first; i < first + PER_PUT; i++) {
                    entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + (i % 97))
                            .data(SdkBytes.fromUtf8String(String.format("record-%05d\n", i))).build());
                }
                PutRecordsResponse put = kinesis.putRecords(b -> b.streamName(STREAM).records(entries));
                assertThat(put.failedRecordCount()).isZero();
                for (int i = 0; i < entries.size(); i++) {
                    PutRecordsResultEntry result = put.records().get(i);
                    shards.computeIfAbsent(result.shardId(), s -> new TreeMap<>())
                            .put(new BigInteger(result.sequenceNumber()), entries.get(i).data().asUtf8String());
                }
            }
        }
        assertThat(shards).hasSize(3).allSatisfy((shard, records) -> assertThat(records).hasSizeGreaterThan(PER_PUT));
        replayOrder = shards.values().stream().flatMap(records -> records.values().stream()).map(String::strip).toList();
        shardOfRecord = new HashMap<>();
        shards.forEach((shard, records) -> records.values().forEach(data -> shardOfRecord.put(data.strip(), shard)));
        savepoint = STREAMS.job().triggerSavepoint(dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL).get();
    }

    @AfterAll
    static void deleteFiles() throws Exception {
        TestDirs.delete(dir);
    }

    @Test
    @Order(0)
    void aDeliveryStreamThatDoesNotExistFailsAndDeliversNothing() throws Exception {
        Result r = replay("--from=" + savepoint, "--stream=" + STREAM, "--to=firehose:nowhere?endpoint=" + FIREHOSE.endpoint());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("Delivery stream nowhere does not exist at " + FIREHOSE.endpoint() + ": create it first");
        assertThat(r.out()).doesNotContain("Replayed");
        try (Stream<Path> buckets = listOrEmpty(FIREHOSE.buckets().bucket(BUCKET).getParent())) {
            assertThat(buckets).isEmpty();
        }
    }

    @Test
    @Order(1)
    void everyRecordIsDeliveredOnceEachShardInSequenceOrder() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            FirehoseLocalDeliveryITCase.createS3Stream(firehose, "redelivered", BUCKET, 128, 0, "UNCOMPRESSED");
        }
        Result r = replay("--from=" + savepoint, "--stream=" + STREAM, "--to=firehose:redelivered?endpoint=" + FIREHOSE.endpoint());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("Replayed " + RECORDS + " records of stream " + STREAM + " (3 shards)")
                .contains("into firehose:redelivered at " + FIREHOSE.endpoint());

        Streams.await(RECORDS + " records delivered", () -> delivered().stream().mapToInt(List::size).sum() >= RECORDS,
                Duration.ofSeconds(30));
        List<List<String>> objects = delivered();
        assertThat(objects.stream().mapToInt(List::size).sum()).as("records delivered").isEqualTo(RECORDS);
        assertThat(objects.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(replayOrder);
        // Shards of different lineages are replayed in parallel, so an object interleaves them; each shard's records in
        // it are in sequence order.
        for (List<String> object : objects) {
            for (String shard : new TreeSet<>(shardOfRecord.values())) {
                List<String> ofShard = object.stream().filter(data -> shard.equals(shardOfRecord.get(data))).toList();
                assertThat(ofShard).as(shard).isSortedAccordingTo(Comparator.comparingInt(replayOrder::indexOf));
            }
        }
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

    /** The bucket's committed objects, each as its lines (records end in a newline: the last line is whole). */
    private static List<List<String>> delivered() {
        List<List<String>> objects = new ArrayList<>();
        for (Path object : FIREHOSE.buckets().objects(BUCKET)) {
            try {
                String text = Files.readString(object, StandardCharsets.UTF_8);
                assertThat(text).as(object.toString()).endsWith("\n");
                objects.add(Arrays.asList(text.split("\n")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return objects;
    }

    private static Stream<Path> listOrEmpty(Path directory) throws IOException {
        return Files.isDirectory(directory) ? Files.list(directory) : Stream.empty();
    }
}
