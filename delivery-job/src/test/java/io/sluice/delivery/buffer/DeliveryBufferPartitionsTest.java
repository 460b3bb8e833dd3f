package io.sluice.delivery.buffer;

import static io.sluice.delivery.DeliveryFixtures.activeStream;
import static io.sluice.delivery.DeliveryFixtures.ref;
import static io.sluice.delivery.DeliveryFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.http.ApiReply;
import io.sluice.common.serialization.JacksonTypeInfo;
import io.sluice.common.wire.WireFormat;
import io.sluice.delivery.DeliveryFixtures;
import io.sluice.delivery.DeliverySettings;
import io.sluice.delivery.api.BufferingHints;
import io.sluice.delivery.api.DynamicPartitioning;
import io.sluice.delivery.api.Processing;
import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.catalog.DeliveryStream;
import io.sluice.delivery.catalog.DeliveryStreamChange;
import io.sluice.delivery.s3.CompressionFormat;
import io.sluice.delivery.s3.PendingObject;
import io.sluice.delivery.transform.RecordTransformer;
import io.sluice.delivery.transform.TransformFunctions;
import io.sluice.delivery.transform.TransformRequest;
import io.sluice.delivery.transform.TransformResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dynamically partitioned stream's partition buffers in the keyed harness: each partition flushes on its own size
 * and interval hints into one object, the active-partition limit counts the open partition buffers, and partitions'
 * flushes (and processing steps) in flight at a checkpoint are written again after a restore, exactly once.
 * Partitions come from a {@code MetadataExtraction} query on {@code .tenant}.
 */
class DeliveryBufferPartitionsTest {

    private static final String NAME = "clicks";
    private static final String BUCKET = "my-bucket";
    private static final long CREATED = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final long INTERVAL = 60_000;
    private static final long T0 = 1_000;
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    private static final String GATE_ARN = "arn:aws:lambda:us-east-1:000000000000:function:gate";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Answers every record Ok, unchanged, once {@link #OPEN} is counted down. */
    public static final class Gate implements RecordTransformer {
        static volatile CountDownLatch OPEN = new CountDownLatch(1);

        @Override
        public TransformResponse transform(TransformRequest request) throws Exception {
            if (!OPEN.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the gate never opened");
            }
            return new TransformResponse(request.records().stream().map(r -> TransformResponse.Record.ok(r.recordId(), r.data())).toList());
        }
    }

    @TempDir
    Path tmp;

    private KeyedTwoInputStreamOperatorTestHarness<String, PutCommand, DeliveryStreamChange, PendingObject> harness;
    private int activePartitions = 500;
    private int retrySeconds = 300;
    private int flushThreads;
    private long callId;
    private long now = T0;

    @BeforeEach
    void open() throws Exception {
        Gate.OPEN = new CountDownLatch(1);
        harness = harness(null);
    }

    @AfterEach
    void close() throws Exception {
        Gate.OPEN.countDown();
        harness.close();
    }

    @Test
    void aPartitionThatReachesTheSizeHintFlushesAloneWhileAnotherWaitsForItsInterval() throws Exception {
        change(stream(new BufferingHints(1, 60), false));
        String b = record("b", 10);
        String a1 = record("a", 600 * 1024);
        String a2 = record("a", 500 * 1024);
        put(b);
        put(a1);
        assertThat(objects()).as("no partition holds 1 MiB yet").isEmpty();
        put(a2);
        assertThat(objects()).hasSize(1);
        assertData(objects().get(0), "a", a1 + "\n" + a2 + "\n");

        time(T0 + INTERVAL - 1);
        assertThat(objects()).as("b waits for its own interval").hasSize(1);
        time(T0 + INTERVAL);
        assertThat(objects()).hasSize(2);
        assertData(objects().get(1), "b", b + "\n");
        assertThat(harness.numProcessingTimeTimers()).isZero();
        time(T0 + 10 * INTERVAL);
        assertThat(objects()).as("nothing is delivered twice").hasSize(2);
    }

    @Test
    void eachPartitionsIntervalStartsWithItsFirstWaitingRecord() throws Exception {
        change(stream(new BufferingHints(64, 60), false));
        String a1 = record("a", 1);
        String b1 = record("b", 1);
        String a2 = record("a", 2);
        put(a1);
        time(T0 + 20_000);
        put(b1);
        assertThat(harness.numProcessingTimeTimers()).as("one timer per due time").isEqualTo(2);
        time(T0 + INTERVAL);
        assertThat(objects()).hasSize(1);
        assertData(objects().get(0), "a", a1 + "\n");

        time(T0 + INTERVAL + 5_000);
        put(a2); // a's buffer opens again: its interval runs from now
        time(T0 + 20_000 + INTERVAL);
        assertThat(objects()).hasSize(2);
        assertData(objects().get(1), "b", b1 + "\n");
        time(T0 + INTERVAL + 5_000 + INTERVAL - 1);
        assertThat(objects()).hasSize(2);
        time(T0 + INTERVAL + 5_000 + INTERVAL);
        assertThat(objects()).hasSize(3);
        assertData(objects().get(2), "a", a2 + "\n");
    }

    @Test
    void theActivePartitionLimitCountsOpenBuffersAndAFlushedPartitionNoLonger() throws Exception {
        activePartitions = 2;
        harness.close();
        harness = harness(null);
        change(stream(new BufferingHints(64, 60), false));
        String a = record("a", 1);
        String b = record("b", 1);
        String c = record("c", 1);
        String a2 = record("a", 2);
        put(a, b);
        put(c, a2);
        assertThat(objects()).as("c would be a third open partition").hasSize(1);
        PendingObject exceeded = objects().get(0);
        assertThat(exceeded.errorOutputType()).isEqualTo("activePartitionExceeded");
        assertThat(exceeded.key()).matches(Pattern.quote("errors/activePartitionExceeded/clicks-1-2026-01-02-03-04-05-") + UUID_PATTERN);
        List<JsonNode> docs = jsonLines(exceeded);
        assertThat(docs).hasSize(1);
        assertThat(docs.get(0).get("errorCode").asText()).isEqualTo("DynamicPartitioning.ActivePartitionsLimitExceeded");
        assertThat(docs.get(0).get("errorMessage").asText()).isEqualTo("The delivery stream has more than 2 active partitions.");
        assertThat(new String(Base64.getDecoder().decode(docs.get(0).get("rawData").asText()), StandardCharsets.UTF_8)).isEqualTo(c + "\n");

        time(T0 + INTERVAL);
        assertThat(objects()).hasSize(3);
        assertData(objects().get(1), "a", a + "\n" + a2 + "\n");
        assertData(objects().get(2), "b", b + "\n");

        put(c); // a and b were flushed: their buffers are closed, c's opens
        time(T0 + 2 * INTERVAL);
        assertThat(objects()).hasSize(4);
        assertData(objects().get(3), "c", c + "\n");
    }

    @Test
    void aPartitionFlushThatFailedBeforeACheckpointIsWrittenOnceAfterARestoreAndTheOthersKeepTheirTimes() throws Exception {
        change(stream(new BufferingHints(1, 60), false));
        String a1 = record("a", 600 * 1024);
        String a2 = record("a", 500 * 1024);
        String b = record("b", 3);
        Path staging = tmp.resolve("s3-staging");
        Files.delete(staging);
        Files.writeString(staging, "not a directory"); // every object write fails
        put(b);
        put(a1, a2); // a is full: its flush fails and waits for its retry
        assertThat(objects()).isEmpty();
        OperatorSubtaskState snapshot = harness.snapshot(1L, now);
        harness.close();

        Files.delete(staging);
        Files.createDirectory(staging);
        harness = harness(snapshot);
        time(T0 + DeliveryBuffer.RETRY_MILLIS);
        assertThat(objects()).hasSize(1);
        assertData(objects().get(0), "a", a1 + "\n" + a2 + "\n");
        time(T0 + INTERVAL);
        assertThat(objects()).hasSize(2);
        assertData(objects().get(1), "b", b + "\n");
        time(T0 + 10 * INTERVAL);
        assertThat(objects()).hasSize(2);
    }

    @Test
    void aProcessingStepInFlightAtACheckpointIsProcessedAgainAfterARestoreExactlyOnce() throws Exception {
        flushThreads = 2;
        harness.close();
        harness = harness(null);
        change(stream(new BufferingHints(64, 120), true));
        String a = record("a", 1);
        String b = record("b", 1);
        put(a, b);
        time(T0 + INTERVAL); // the Lambda's own interval: the processing step starts and waits at the gate
        assertThat(objects()).isEmpty();
        OperatorSubtaskState snapshot = harness.snapshot(1L, now);
        harness.close();

        Gate.OPEN.countDown();
        flushThreads = 0;
        harness = harness(snapshot);
        time(now + DeliveryBuffer.POLL_MILLIS); // the restored poll timer: the step runs again
        assertThat(objects()).as("processed into the partitions' buffers, not yet due").isEmpty();
        time(now + 120_000);
        assertThat(objects()).hasSize(2);
        assertData(objects().get(0), "a", a + "\n");
        assertData(objects().get(1), "b", b + "\n");
        time(now + 10 * 120_000);
        assertThat(objects()).hasSize(2);
    }

    @Test
    void aDeletedStreamFlushesEveryPartitionThenForgetsIt() throws Exception {
        change(stream(new BufferingHints(64, 60), false));
        String a = record("a", 1);
        String b = record("b", 1);
        put(a, b);
        harness.processElement2(new StreamRecord<>(new DeliveryStreamChange(NAME, null)));
        List<PendingObject> objects = new ArrayList<>(objects());
        objects.sort(Comparator.comparing(PendingObject::key));
        assertThat(objects).hasSize(2);
        assertData(objects.get(0), "a", a + "\n");
        assertData(objects.get(1), "b", b + "\n");
        assertThat(harness.numKeyedStateEntries()).as("the stream is forgotten").isZero();
        time(T0 + 10 * INTERVAL);
        assertThat(objects()).hasSize(2);
    }

    @Test
    void aPartitionThatS3DoesNotTakeWithinTheRetryDurationGoesToTheErrorOutputAndTheOthersAreDelivered() throws Exception {
        retrySeconds = 10;
        change(stream(new BufferingHints(64, 60), false));
        // Its prefix evaluates longer than the 512 characters a key prefix may have: every write of its object fails.
        String tooLong = record("t".repeat(600), 1);
        String b = record("b", 1);
        put(tooLong, b);
        time(T0 + INTERVAL);
        assertThat(objects()).hasSize(1);
        assertData(objects().get(0), "b", b + "\n");
        time(T0 + INTERVAL + DeliveryBuffer.RETRY_MILLIS);
        assertThat(objects()).as("retried within the 10 s").hasSize(1);
        time(T0 + INTERVAL + 2 * DeliveryBuffer.RETRY_MILLIS);
        assertThat(objects()).hasSize(2);
        PendingObject failed = objects().get(1);
        assertThat(failed.errorOutputType()).isEqualTo("s3-failed");
        assertThat(failed.key()).matches(Pattern.quote("errors/s3-failed/clicks-1-2026-01-02-03-04-05-") + UUID_PATTERN);
        List<JsonNode> docs = jsonLines(failed);
        assertThat(docs).hasSize(1);
        assertThat(docs.get(0).get("attemptsMade").asInt()).isEqualTo(3);
        assertThat(docs.get(0).get("errorCode").asText()).isEqualTo("S3.DeliveryFailed");
        assertThat(docs.get(0).get("errorMessage").asText()).startsWith("The evaluated ");
        assertThat(new String(Base64.getDecoder().decode(docs.get(0).get("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo(tooLong + "\n");
        time(T0 + 10 * INTERVAL);
        assertThat(objects()).as("given up once, not retried").hasSize(2);
    }

    @Test
    void whilePartitionFlushesFailTheRecordsTheyHoldCountAgainstWhatTheStreamTakes() throws Exception {
        change(stream(new BufferingHints(1, 60), false));
        Path staging = tmp.resolve("s3-staging");
        Files.delete(staging);
        Files.writeString(staging, "not a directory");
        String mib = record("a", 1024 * 1024);
        put(mib); // a is full: its flush fails
        for (int i = 0; i < 6; i++) {
            put(mib); // processed into a's buffer
        }
        time(T0 + DeliveryBuffer.RETRY_MILLIS); // the retry takes them along, and fails again: a's flush holds 7 MiB
        assertThat(objects()).isEmpty();
        put(record("a", 512 * 1024));
        ApiReply refused = putReply(mib);
        assertThat(refused.errorType()).as("beyond two buffers' worth (8 MiB) while flushes fail").isEqualTo("ServiceUnavailableException");

        Files.delete(staging);
        Files.createDirectory(staging);
        time(T0 + 2 * DeliveryBuffer.RETRY_MILLIS);
        assertThat(objects()).hasSize(1);
        assertThat(objects().get(0).records()).isEqualTo(8);
        put(mib); // taken again
    }

    // ---- helpers

    private KeyedTwoInputStreamOperatorTestHarness<String, PutCommand, DeliveryStreamChange, PendingObject> harness(
            OperatorSubtaskState restored) throws Exception {
        DeliverySettings base = DeliveryFixtures.settings(tmp.resolve("s3"), Duration.ZERO, 5000);
        DeliverySettings settings = new DeliverySettings(base.region(), base.accountId(), base.clock(), base.createDelay(),
                base.deliveryStreamLimit(), base.buckets(), new DirectPutQuota.Limits(false, 0, 0, 0),
                new TransformFunctions(Map.of("gate", Gate.class.getName()), Map.of()), base.glue(), flushThreads, activePartitions,
                base.deflateLevel());
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new DeliveryBuffer(settings)),
                PutCommand::deliveryStream, DeliveryStreamChange::name, Types.STRING);
        h.setup(JacksonTypeInfo.of(PendingObject.class).createSerializer(new SerializerConfigImpl()));
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
        h.setProcessingTime(now);
        return h;
    }

    /** A stream partitioned by the query's {@code tenant}, with the delimiter appended and, if asked, the gate function first. */
    private DeliveryStream stream(BufferingHints hints, boolean gate) {
        List<Processing.Processor> processors = new ArrayList<>();
        if (gate) {
            processors.add(new Processing.Processor(Processing.Type.Lambda,
                    Map.of("LambdaArn", GATE_ARN, "BufferSizeInMBs", "3", "BufferIntervalInSeconds", "60")));
        }
        processors.add(new Processing.Processor(Processing.Type.MetadataExtraction,
                Map.of("MetadataExtractionQuery", "{tenant: .tenant}", "JsonParsingEngine", "JQ-1.6")));
        processors.add(new Processing.Processor(Processing.Type.AppendDelimiterToRecord, Map.of()));
        S3Destination d = new S3Destination(true, DeliveryFixtures.ROLE_ARN, "arn:aws:s3:::" + BUCKET,
                "tenant=!{partitionKeyFromQuery:tenant}/", "errors/!{firehose:error-output-type}/", hints, CompressionFormat.UNCOMPRESSED,
                null, null, new Processing(true, processors), null, null, new DynamicPartitioning(true, retrySeconds));
        return activeStream(NAME, CREATED, d);
    }

    /** A JSON record of {@code tenant} padded to about {@code size} bytes. */
    private static String record(String tenant, int size) {
        return "{\"tenant\":\"" + tenant + "\",\"pad\":\"" + "x".repeat(size) + "\"}";
    }

    private void put(String... records) throws Exception {
        assertThat(putReply(records).errorType()).isNull();
    }

    private ApiReply putReply(String... records) throws Exception {
        List<byte[]> data = new ArrayList<>();
        for (String r : records) {
            data.add(utf8(r));
        }
        harness.processElement1(new StreamRecord<>(new PutCommand(ref(++callId, WireFormat.JSON), NAME, false,
                DeliveryFixtures.ARRIVAL.toEpochMilli(), data)));
        List<ApiReply> replies = new ArrayList<>();
        harness.getSideOutput(DeliveryBuffer.REPLIES).forEach(r -> replies.add(r.getValue()));
        ApiReply last = replies.get(replies.size() - 1);
        assertThat(last.ref().callId()).isEqualTo(callId);
        return last;
    }

    private void change(DeliveryStream s) throws Exception {
        harness.processElement2(new StreamRecord<>(new DeliveryStreamChange(s.name(), s)));
    }

    private void time(long t) throws Exception {
        now = t;
        harness.setProcessingTime(t);
    }

    private List<PendingObject> objects() {
        return harness.extractOutputValues();
    }

    private static void assertData(PendingObject object, String tenant, String content) throws IOException {
        assertThat(object.errorOutputType()).isNull();
        assertThat(object.bucket()).isEqualTo(BUCKET);
        assertThat(object.key()).matches(Pattern.quote("tenant=" + tenant + "/clicks-1-2026-01-02-03-04-05-") + UUID_PATTERN);
        assertThat(Files.readString(DeliveryFixtures.stagedFile(object))).isEqualTo(content);
    }

    private static List<JsonNode> jsonLines(PendingObject object) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        for (String line : Files.readAllLines(DeliveryFixtures.stagedFile(object))) {
            docs.add(JSON.readTree(line));
        }
        return docs;
    }

}
