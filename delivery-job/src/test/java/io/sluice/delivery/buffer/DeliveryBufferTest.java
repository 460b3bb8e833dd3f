package io.sluice.delivery.buffer;

import static io.sluice.delivery.DeliveryFixtures.activeStream;
import static io.sluice.delivery.DeliveryFixtures.body;
import static io.sluice.delivery.DeliveryFixtures.bytes;
import static io.sluice.delivery.DeliveryFixtures.destination;
import static io.sluice.delivery.DeliveryFixtures.read;
import static io.sluice.delivery.DeliveryFixtures.ref;
import static io.sluice.delivery.DeliveryFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.common.http.ApiReply;
import io.sluice.common.serialization.JacksonTypeInfo;
import io.sluice.common.wire.WireFormat;
import io.sluice.delivery.DeliveryFixtures;
import io.sluice.delivery.DeliverySettings;
import io.sluice.delivery.api.Action;
import io.sluice.delivery.api.BufferingHints;
import io.sluice.delivery.api.CreateDeliveryStreamRequest;
import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.api.Tag;
import io.sluice.delivery.catalog.DeliveryStream;
import io.sluice.delivery.catalog.DeliveryStreamChange;
import io.sluice.delivery.catalog.DeliveryStreamStatus;
import io.sluice.delivery.s3.BucketStore;
import io.sluice.delivery.s3.CompressionFormat;
import io.sluice.delivery.s3.PendingObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
 * A delivery stream's buffer in Flink's keyed two-input harness (puts on the first input, the registry's
 * changes on the second), writing to LOCAL buckets in a temporary directory, with processing time moved by hand.
 */
class DeliveryBufferTest {

    private static final String NAME = "clicks";
    private static final String BUCKET = "my-bucket";
    private static final long CREATED = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    /** {@link #CREATED} as the first 16 hex digits of every record id of the stream. */
    private static final String CREATED_HEX = "0000019b76daa800";
    private static final long ARRIVAL = DeliveryFixtures.ARRIVAL.toEpochMilli();
    private static final BufferingHints ONE_MINUTE = new BufferingHints(5, 60);
    private static final long INTERVAL = 60_000;
    /** Processing time when each test starts. */
    private static final long T0 = 1_000;
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @TempDir
    Path tmp;

    private Path buckets;
    private DeliverySettings settings;
    private KeyedTwoInputStreamOperatorTestHarness<String, PutCommand, DeliveryStreamChange, PendingObject> harness;
    private long callId;

    @BeforeEach
    void open() throws Exception {
        // LOCAL stages objects in the sibling <dir>-staging, so the bucket root is below the temporary directory.
        buckets = tmp.resolve("s3");
        settings = DeliveryFixtures.settings(buckets);
        harness = harness(null);
        harness.setProcessingTime(T0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    // ---- answers

    @Test
    void aPutToAnUnknownStreamIsNotFound() throws Exception {
        ApiReply reply = put(false, WireFormat.JSON, utf8("a"));
        assertThat(reply.errorType()).isEqualTo("ResourceNotFoundException");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(body(reply).get("message").asText()).isEqualTo("Firehose clicks under account 000000000000 not found.");
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aPutToACreatingStreamIsRefused() throws Exception {
        change(stream(ONE_MINUTE).withStatus(DeliveryStreamStatus.CREATING));
        ApiReply reply = put(true, WireFormat.JSON, utf8("a"));
        assertThat(reply.errorType()).isEqualTo("ResourceInUseException");
        assertThat(body(reply).get("message").asText())
                .isEqualTo("Firehose clicks under account 000000000000 is not ACTIVE (CREATING).");
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void acceptedPutsAreAnsweredWithARecordIdPerRecordInRequestOrder() throws Exception {
        change(stream(ONE_MINUTE));
        ApiReply batch = put(false, WireFormat.JSON, utf8("a"), utf8("b"), utf8("c"));
        assertThat(batch.errorType()).isNull();
        assertThat(batch.status()).isEqualTo(200);
        JsonNode answer = body(batch);
        assertThat(answer.get("FailedPutCount").asInt()).isZero();
        assertThat(answer.get("Encrypted").asBoolean()).isFalse();
        assertThat(answer.get("RequestResponses")).extracting(r -> r.get("RecordId").asText())
                .containsExactly(recordId(0), recordId(1), recordId(2));

        // PutRecord answers in its call's format (CBOR here) with the next number.
        ApiReply single = put(true, WireFormat.CBOR, utf8("d"));
        assertThat(single.ref().format()).isEqualTo(WireFormat.CBOR);
        assertThat(body(single).get("RecordId").asText()).isEqualTo(recordId(3));
        assertThat(body(single).get("Encrypted").asBoolean()).isFalse();
        assertThat(body(single).has("FailedPutCount")).isFalse();
    }

    // ---- flushes

    @Test
    void theIntervalFlushesOneInvisibleObjectThatACommitMakesVisible() throws Exception {
        change(stream(ONE_MINUTE));
        put(false, WireFormat.JSON, utf8("{\"page\":\"a\"}\n"), utf8("{\"page\":\"b\"}\n"));
        put(true, WireFormat.JSON, utf8("{\"page\":\"c\"}\n"));
        harness.setProcessingTime(T0 + INTERVAL - 1);
        assertThat(objects()).isEmpty();

        harness.setProcessingTime(T0 + INTERVAL);
        PendingObject object = onlyObject();
        assertThat(object.deliveryStream()).isEqualTo(NAME);
        assertThat(object.bucket()).isEqualTo(BUCKET);
        assertThat(object.key()).matches(key(1, ""));
        assertThat(object.records()).isEqualTo(3);
        assertThat(object.bytes()).isEqualTo(39);
        assertThat(staged(object)).asString(StandardCharsets.UTF_8)
                .isEqualTo("{\"page\":\"a\"}\n{\"page\":\"b\"}\n{\"page\":\"c\"}\n");
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(visibleObjects()).as("nothing is visible before the commit").isEmpty();

        try (BucketStore store = settings.buckets().open()) {
            store.commit(object);
            store.commit(object); // a restored committer repeats its commits
        }
        Path committed = buckets.resolve(BUCKET).resolve(object.key());
        assertThat(visibleObjects()).containsExactly(committed);
        assertThat(committed).hasContent("{\"page\":\"a\"}\n{\"page\":\"b\"}\n{\"page\":\"c\"}\n");
        assertThat(DeliveryFixtures.stagedFile(object)).doesNotExist();
    }

    @Test
    void aPutAfterAFlushStartsTheNextInterval() throws Exception {
        change(stream(ONE_MINUTE));
        put(true, WireFormat.JSON, utf8("1"));
        harness.setProcessingTime(T0 + INTERVAL);
        harness.setProcessingTime(T0 + INTERVAL + 500);
        put(true, WireFormat.JSON, utf8("22"));
        harness.setProcessingTime(T0 + 2 * INTERVAL + 499);
        assertThat(objects()).hasSize(1);
        harness.setProcessingTime(T0 + 2 * INTERVAL + 500);
        assertThat(objects()).extracting(PendingObject::records, PendingObject::bytes)
                .containsExactly(tuple(1L, 1L), tuple(1L, 2L));
        assertThat(staged(objects().get(1))).containsExactly('2', '2');
    }

    @Test
    void aCompressedObjectCarriesItsFormatsExtension() throws Exception {
        change(activeStream(NAME, CREATED, destination(BUCKET, ONE_MINUTE, CompressionFormat.GZIP)));
        put(false, WireFormat.JSON, utf8("x\n"), utf8("y\n"));
        harness.setProcessingTime(T0 + INTERVAL);
        PendingObject object = onlyObject();
        assertThat(object.key()).matches(key(1, ".gz"));
        assertThat(object.bytes()).as("bytes counts the records' data, not the object").isEqualTo(4);
        try (InputStream in = CompressionFormat.GZIP.unwrap(new ByteArrayInputStream(staged(object)))) {
            assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("x\ny\n");
        }
    }

    @Test
    void reachingTheSizeHintFlushesAtOnce() throws Exception {
        change(stream(new BufferingHints(1, 900)));
        byte[] first = bytes(600 * 1024, 'a');
        byte[] second = bytes(1024 * 1024 - first.length - 1, 'b');
        put(true, WireFormat.JSON, first);
        put(true, WireFormat.JSON, second);
        assertThat(objects()).as("one byte short of 1 MiB").isEmpty();
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        put(true, WireFormat.JSON, utf8("c"));
        PendingObject object = onlyObject();
        assertThat(object.records()).isEqualTo(3);
        assertThat(object.bytes()).isEqualTo(1024 * 1024);
        assertThat(staged(object)).isEqualTo(concat(first, second, utf8("c")));
        assertThat(harness.numProcessingTimeTimers()).as("the interval's timer is gone with the records").isZero();

        harness.setProcessingTime(T0 + 900_000);
        assertThat(objects()).hasSize(1);
    }

    @Test
    void aDestinationUpdateFirstFlushesWhatVersionOneBuffered() throws Exception {
        DeliveryStream v1 = stream(ONE_MINUTE);
        change(v1);
        put(false, WireFormat.JSON, utf8("old1"), utf8("old2"));

        // Changes that keep the version (status, tags) deliver nothing.
        change(v1.withTags(List.of(new Tag("team", "web"))));
        assertThat(objects()).isEmpty();

        S3Destination updated = new S3Destination(true, DeliveryFixtures.ROLE_ARN, "arn:aws:s3:::other-bucket", "v2/",
                null, new BufferingHints(5, 120), CompressionFormat.UNCOMPRESSED, ".txt", null);
        DeliveryStream v2 = v1.withDestination(updated, ARRIVAL);
        assertThat(v2.versionId()).isEqualTo(2);
        change(v2);
        PendingObject flushed = onlyObject();
        assertThat(flushed.bucket()).isEqualTo(BUCKET);
        assertThat(flushed.key()).matches(key(1, ""));
        assertThat(flushed.records()).isEqualTo(2);
        assertThat(staged(flushed)).asString(StandardCharsets.UTF_8).isEqualTo("old1old2");
        assertThat(harness.numProcessingTimeTimers()).isZero();

        harness.setProcessingTime(T0 + 1_000);
        ApiReply reply = put(true, WireFormat.JSON, utf8("new"));
        assertThat(body(reply).get("RecordId").asText()).as("numbers go on across versions").isEqualTo(recordId(2));
        harness.setProcessingTime(T0 + 1_000 + 120_000);
        assertThat(objects()).hasSize(2);
        PendingObject next = objects().get(1);
        assertThat(next.bucket()).isEqualTo("other-bucket");
        assertThat(next.key()).matches("v2/" + key(2, ".txt"));
        assertThat(staged(next)).asString(StandardCharsets.UTF_8).isEqualTo("new");
    }

    @Test
    void aDeletionFlushesThenForgetsTheStream() throws Exception {
        change(stream(ONE_MINUTE));
        put(false, WireFormat.JSON, utf8("last"), utf8("words"));
        deleted();
        PendingObject object = onlyObject();
        assertThat(object.records()).isEqualTo(2);
        assertThat(staged(object)).asString(StandardCharsets.UTF_8).isEqualTo("lastwords");
        assertThat(harness.numProcessingTimeTimers()).isZero();

        assertThat(put(true, WireFormat.JSON, utf8("late")).errorType()).isEqualTo("ResourceNotFoundException");
        harness.setProcessingTime(T0 + INTERVAL);
        assertThat(objects()).hasSize(1);

        // Created again later under the same name: a new stream whose record numbers start over.
        long recreated = CREATED + 0x1000;
        change(activeStream(NAME, recreated, destination(BUCKET, ONE_MINUTE, CompressionFormat.UNCOMPRESSED)));
        ApiReply reply = put(true, WireFormat.JSON, utf8("again"));
        assertThat(body(reply).get("RecordId").asText()).isEqualTo("0000019b76dab800" + "0".repeat(32));
    }

    @Test
    void bufferedRecordsAndTheirTimerSurviveASnapshotAndRestore() throws Exception {
        change(stream(ONE_MINUTE));
        put(false, WireFormat.JSON, utf8("one,"), utf8("two,"));
        OperatorSubtaskState snapshot = harness.snapshot(1L, T0);
        harness.close();

        harness = harness(snapshot);
        harness.setProcessingTime(T0 + 10);
        ApiReply reply = put(true, WireFormat.JSON, utf8("three"));
        assertThat(body(reply).get("RecordId").asText()).isEqualTo(recordId(2));
        assertThat(harness.numProcessingTimeTimers()).as("the restored timer, no second one").isEqualTo(1);
        harness.setProcessingTime(T0 + INTERVAL - 1);
        assertThat(objects()).isEmpty();

        harness.setProcessingTime(T0 + INTERVAL);
        PendingObject object = onlyObject();
        assertThat(object.records()).isEqualTo(3);
        assertThat(object.bytes()).isEqualTo(13);
        assertThat(staged(object)).asString(StandardCharsets.UTF_8).isEqualTo("one,two,three");
    }

    @Test
    void aFailedFlushKeepsTheRecordsAndTriesAgainLater() throws Exception {
        change(stream(ONE_MINUTE));
        put(false, WireFormat.JSON, utf8("kept,"), utf8("not lost"));
        // The store writes objects in <dir>-staging: a regular file in its place fails every write.
        Path staging = tmp.resolve("s3-staging");
        Files.delete(staging);
        Files.writeString(staging, "not a directory");

        harness.setProcessingTime(T0 + INTERVAL);
        assertThat(objects()).isEmpty();
        assertThat(harness.numProcessingTimeTimers()).as("the retry").isEqualTo(1);
        harness.setProcessingTime(T0 + INTERVAL + DeliveryBuffer.RETRY_MILLIS - 1);
        assertThat(objects()).isEmpty();
        harness.setProcessingTime(T0 + INTERVAL + DeliveryBuffer.RETRY_MILLIS);
        assertThat(objects()).as("still failing").isEmpty();

        Files.delete(staging);
        Files.createDirectory(staging);
        harness.setProcessingTime(T0 + INTERVAL + 2 * DeliveryBuffer.RETRY_MILLIS);
        PendingObject object = onlyObject();
        assertThat(object.records()).isEqualTo(2);
        assertThat(object.key()).as("named for the oldest arrival, not the retry").matches(key(1, ""));
        assertThat(staged(object)).asString(StandardCharsets.UTF_8).isEqualTo("kept,not lost");
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aStreamDeletedWhileItsFlushFailsKeepsItsRecordsUntilTheyAreDelivered() throws Exception {
        change(stream(ONE_MINUTE));
        put(false, WireFormat.JSON, utf8("acknowledged,"), utf8("so kept"));
        Path staging = failStaging();
        deleted();
        assertThat(objects()).isEmpty();
        assertThat(put(true, WireFormat.JSON, utf8("late")).errorType()).as("the stream is gone for producers")
                .isEqualTo("ResourceNotFoundException");

        healStaging(staging);
        harness.setProcessingTime(T0 + DeliveryBuffer.RETRY_MILLIS);
        PendingObject object = onlyObject();
        assertThat(staged(object)).asString(StandardCharsets.UTF_8).isEqualTo("acknowledged,so kept");
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(put(true, WireFormat.JSON, utf8("later")).errorType()).isEqualTo("ResourceNotFoundException");
    }

    @Test
    void whileFlushesFailPutsAreTakenUpToTwoBuffersThenRefusedAndTheBucketIsNotCalledPerPut() throws Exception {
        // Without the Direct PUT quota, whose 5 MiB a second would refuse these puts first.
        DeliverySettings s = settings;
        settings = new DeliverySettings(s.region(), s.accountId(), s.clock(), s.createDelay(), s.deliveryStreamLimit(), s.buckets(),
                new DirectPutQuota.Limits(false, 0, 0, 0), s.functions());
        harness.close();
        harness = harness(null);
        harness.setProcessingTime(T0);
        change(stream(new BufferingHints(1, 60)));
        Path staging = failStaging();
        byte[] mib = new byte[1024 * 1024];
        put(false, WireFormat.JSON, mib); // reaches the 1 MiB hint: the flush fails, a retry is scheduled
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
        long retryAt = T0 + DeliveryBuffer.RETRY_MILLIS;
        for (int i = 0; i < 7; i++) {
            assertThat(put(false, WireFormat.JSON, mib).errorType()).as("put %s of the 8 MiB the failing stream holds", i + 2).isNull();
        }
        ApiReply refused = put(false, WireFormat.JSON, utf8("x"));
        assertThat(refused.errorType()).isEqualTo("ServiceUnavailableException");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(body(refused).get("message").asText()).isEqualTo("Slow down.");
        assertThat(harness.numProcessingTimeTimers()).as("only the retry, no flush per put").isEqualTo(1);

        healStaging(staging);
        harness.setProcessingTime(retryAt);
        PendingObject object = onlyObject();
        assertThat(object.records()).isEqualTo(8);
        assertThat(put(true, WireFormat.JSON, utf8("y")).errorType()).as("taken again once delivered").isNull();
    }

    /** Makes every write of the LOCAL store fail: a regular file where it stages objects. */
    private Path failStaging() throws IOException {
        Path staging = tmp.resolve("s3-staging");
        Files.delete(staging);
        Files.writeString(staging, "not a directory");
        return staging;
    }

    private static void healStaging(Path staging) throws IOException {
        Files.delete(staging);
        Files.createDirectory(staging);
    }

    @Test
    void aPrefixThatEvaluatesTooLongFailsTheFlushNotTheJob() throws Exception {
        // CreateDeliveryStream accepts a Prefix of up to 1024 characters; with the hour appended this one is
        // longer than the 512 characters an evaluated prefix may have.
        CreateDeliveryStreamRequest create = (CreateDeliveryStreamRequest) read(Action.CREATE_DELIVERY_STREAM, """
                {"DeliveryStreamName": "clicks", "ExtendedS3DestinationConfiguration": {
                  "RoleARN": "arn:aws:iam::000000000000:role/firehose", "BucketARN": "arn:aws:s3:::my-bucket",
                  "Prefix": "%s/", "BufferingHints": {"SizeInMBs": 5, "IntervalInSeconds": 60}}}
                """.formatted("p".repeat(600)));
        DeliveryStream v1 = activeStream(NAME, CREATED, create.destination());
        change(v1);
        put(false, WireFormat.JSON, utf8("a"), utf8("b"));

        harness.setProcessingTime(T0 + INTERVAL);
        assertThat(objects()).isEmpty();
        assertThat(harness.numProcessingTimeTimers()).as("the retry").isEqualTo(1);

        // UpdateDestination mends the prefix: the flush under version 1 fails once more, its retry delivers.
        change(v1.withDestination(destination(BUCKET, ONE_MINUTE, CompressionFormat.UNCOMPRESSED), ARRIVAL));
        assertThat(objects()).isEmpty();
        harness.setProcessingTime(T0 + INTERVAL + DeliveryBuffer.RETRY_MILLIS);
        PendingObject object = onlyObject();
        assertThat(object.key()).matches(key(2, ""));
        assertThat(staged(object)).asString(StandardCharsets.UTF_8).isEqualTo("ab");
    }

    // ---- helpers

    private KeyedTwoInputStreamOperatorTestHarness<String, PutCommand, DeliveryStreamChange, PendingObject> harness(
            OperatorSubtaskState restored) throws Exception {
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new DeliveryBuffer(settings)),
                PutCommand::deliveryStream, DeliveryStreamChange::name, Types.STRING);
        // The job's own output serializer (the harness would otherwise copy outputs as POJOs).
        h.setup(JacksonTypeInfo.of(PendingObject.class).createSerializer(new SerializerConfigImpl()));
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
        return h;
    }

    private static DeliveryStream stream(BufferingHints hints) {
        return activeStream(NAME, CREATED, destination(BUCKET, hints, CompressionFormat.UNCOMPRESSED));
    }

    private ApiReply put(boolean single, WireFormat format, byte[]... records) throws Exception {
        harness.processElement1(new StreamRecord<>(new PutCommand(ref(++callId, format), NAME, single, ARRIVAL, List.of(records))));
        List<ApiReply> replies = new ArrayList<>();
        harness.getSideOutput(DeliveryBuffer.REPLIES).forEach(r -> replies.add(r.getValue()));
        ApiReply last = replies.get(replies.size() - 1);
        assertThat(last.ref().callId()).as("the put was answered").isEqualTo(callId);
        return last;
    }

    private void change(DeliveryStream stream) throws Exception {
        harness.processElement2(new StreamRecord<>(new DeliveryStreamChange(stream.name(), stream)));
    }

    private void deleted() throws Exception {
        harness.processElement2(new StreamRecord<>(new DeliveryStreamChange(NAME, null)));
    }

    private List<PendingObject> objects() {
        return harness.extractOutputValues();
    }

    private PendingObject onlyObject() {
        assertThat(objects()).hasSize(1);
        return objects().get(0);
    }

    /** The record id of record number {@code n} (under 16) of the stream. */
    private static String recordId(int n) {
        return CREATED_HEX + "0".repeat(31) + Integer.toHexString(n);
    }

    /** The key of an object of the test's arrival with the default prefix. */
    private static String key(int version, String extension) {
        return Pattern.quote("2026/01/02/03/clicks-" + version + "-2026-01-02-03-04-05-") + UUID_PATTERN + Pattern.quote(extension);
    }

    /** Where the LOCAL store staged an object: its token is the staging file's path. */

    private static byte[] staged(PendingObject object) throws IOException {
        return Files.readAllBytes(DeliveryFixtures.stagedFile(object));
    }

    private List<Path> visibleObjects() throws IOException {
        try (Stream<Path> files = Files.walk(buckets)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
