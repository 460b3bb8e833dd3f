package io.sluice.delivery.catalog;

import static io.sluice.delivery.DeliveryFixtures.body;
import static io.sluice.delivery.DeliveryFixtures.controlSettings;
import static io.sluice.delivery.DeliveryFixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.common.http.ApiReply;
import io.sluice.common.serialization.JacksonTypeInfo;
import io.sluice.common.wire.WireFormat;
import io.sluice.delivery.DeliveryFixtures;
import io.sluice.delivery.DeliverySettings;
import io.sluice.delivery.api.Action;
import io.sluice.delivery.api.BufferingHints;
import io.sluice.delivery.api.ControlRequest;
import io.sluice.delivery.api.DeliveryStreamType;
import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.api.Tag;
import io.sluice.delivery.s3.CompressionFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The account's registry in Flink's keyed harness, fed requests decoded from JSON as the router decodes
 * them: creation and activation, the account's limits, optimistic versions, paging and tags.
 */
class DeliveryStreamRegistryTest {

    private static final Duration CREATE_DELAY = Duration.ofSeconds(1);
    /** Processing time when each test starts. */
    private static final long T0 = 10_000;
    private static final long RECEIVED = DeliveryFixtures.ARRIVAL.toEpochMilli();
    private static final String ARN = "arn:aws:firehose:us-east-1:000000000000:deliverystream/clicks";

    private KeyedOneInputStreamOperatorTestHarness<String, RegistryCommand, DeliveryStreamChange> harness;
    private long callId;
    /** When the next call arrives ({@link RegistryCommand#receivedAtMillis()}). */
    private long receivedAt = RECEIVED;

    @BeforeEach
    void open() throws Exception {
        harness = harness(controlSettings(CREATE_DELAY, 5000));
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aNewStreamIsCreatingUntilItsCreateDelayIsOver() throws Exception {
        ApiReply created = create("clicks", """
                , "Tags": [{"Key": "team", "Value": "web"}, {"Key": "cost", "Value": "1"}]""");
        assertThat(created.errorType()).isNull();
        assertThat(body(created).get("DeliveryStreamARN").asText()).isEqualTo(ARN);

        DeliveryStream expected = new DeliveryStream("clicks", ARN, DeliveryStreamStatus.CREATING, DeliveryStreamType.DirectPut, 1,
                RECEIVED, RECEIVED,
                new S3Destination(true, DeliveryFixtures.ROLE_ARN, "arn:aws:s3:::my-bucket", null, null, new BufferingHints(1, 0),
                        CompressionFormat.GZIP, null, null),
                List.of(new Tag("team", "web"), new Tag("cost", "1")));
        assertThat(changes()).containsExactly(new DeliveryStreamChange("clicks", expected));

        harness.setProcessingTime(T0 + 999);
        assertThat(changes()).hasSize(1);
        assertThat(describe("clicks").get("DeliveryStreamStatus").asText()).isEqualTo("CREATING");

        harness.setProcessingTime(T0 + 1_000);
        assertThat(changes()).containsExactly(new DeliveryStreamChange("clicks", expected),
                new DeliveryStreamChange("clicks", expected.withStatus(DeliveryStreamStatus.ACTIVE)));
        JsonNode description = describe("clicks");
        assertThat(description.get("DeliveryStreamStatus").asText()).isEqualTo("ACTIVE");
        assertThat(description.get("DeliveryStreamARN").asText()).isEqualTo(ARN);
        assertThat(description.get("VersionId").asText()).isEqualTo("1");
        assertThat(description.get("CreateTimestamp").decimalValue()).isEqualByComparingTo("1767323045.000");
        assertThat(description.has("LastUpdateTimestamp")).isFalse();
        JsonNode destination = description.get("Destinations").get(0);
        assertThat(destination.get("DestinationId").asText()).isEqualTo("destinationId-000000000001");
        JsonNode s3 = destination.get("ExtendedS3DestinationDescription");
        assertThat(s3.get("BucketARN").asText()).isEqualTo("arn:aws:s3:::my-bucket");
        assertThat(s3.get("CompressionFormat").asText()).isEqualTo("GZIP");
        assertThat(s3.get("BufferingHints").get("SizeInMBs").asInt()).isEqualTo(1);
        assertThat(s3.get("BufferingHints").get("IntervalInSeconds").asInt()).isZero();
    }

    @Test
    void aTakenNameIsInUse() throws Exception {
        create("clicks", "");
        ApiReply again = create("clicks", "");
        assertThat(again.errorType()).isEqualTo("ResourceInUseException");
        assertThat(message(again)).isEqualTo("Firehose clicks under accountId 000000000000 already exists.");
        assertThat(changes()).hasSize(1);
    }

    @Test
    void theDeliveryStreamLimitCountsEveryStream() throws Exception {
        harness.close();
        harness = harness(controlSettings(CREATE_DELAY, 2));
        create("a", "");
        create("b", "");
        ApiReply third = create("c", "");
        assertThat(third.errorType()).isEqualTo("LimitExceededException");
        assertThat(message(third)).isEqualTo("You have already reached the limit of 2 delivery streams for account 000000000000.");
        assertThat(changes()).extracting(DeliveryStreamChange::name).containsExactly("a", "b");

        harness.setProcessingTime(T0 + CREATE_DELAY.toMillis()); // ACTIVE: a stream still CREATING cannot be deleted
        assertThat(call(Action.DELETE_DELIVERY_STREAM, "{\"DeliveryStreamName\": \"a\"}").errorType()).isNull();
        assertThat(create("c", "").errorType()).isNull();
    }

    @Test
    void updateDestinationNeedsTheCurrentVersionAndAnActiveStream() throws Exception {
        create("clicks", "");
        assertThat(update("1", "{\"Prefix\": \"v2/\"}").errorType()).isEqualTo("ResourceInUseException");
        assertThat(message(lastReply())).isEqualTo("Firehose clicks is not ACTIVE (CREATING).");
        harness.setProcessingTime(T0 + 1_000);
        DeliveryStream active = last().stream();

        ApiReply stale = update("2", "{\"Prefix\": \"v2/\"}");
        assertThat(stale.errorType()).isEqualTo("ConcurrentModificationException");
        assertThat(message(stale)).isEqualTo(
                "Cannot update Firehose clicks because the current version id 1 does not match the CurrentDeliveryStreamVersionId 2.");
        ApiReply otherDestination = call(Action.UPDATE_DESTINATION, """
                {"DeliveryStreamName": "clicks", "CurrentDeliveryStreamVersionId": "1",
                 "DestinationId": "destinationId-000000000002", "ExtendedS3DestinationUpdate": {}}""");
        assertThat(otherDestination.errorType()).isEqualTo("InvalidArgumentException");
        assertThat(message(otherDestination)).isEqualTo("Destination destinationId-000000000002 of Firehose clicks not found.");
        ApiReply invalid = update("1", "{\"BufferingHints\": {\"SizeInMBs\": 0, \"IntervalInSeconds\": 60}}");
        assertThat(invalid.errorType()).isEqualTo("ValidationException");
        assertThat(message(invalid)).isEqualTo("1 validation error detected: Value '0' at 'extendedS3DestinationUpdate.bufferingHints.sizeInMBs'"
                + " failed to satisfy constraint: Member must have value greater than or equal to 1");
        assertThat(changes()).hasSize(2);

        receivedAt = RECEIVED + 60_000;
        ApiReply updated = update("1", "{\"Prefix\": \"v2/\", \"BufferingHints\": {\"SizeInMBs\": 64, \"IntervalInSeconds\": 600}}");
        assertThat(updated.errorType()).isNull();
        DeliveryStream v2 = last().stream();
        assertThat(v2.versionId()).isEqualTo(2);
        assertThat(v2.lastUpdateMillis()).isEqualTo(RECEIVED + 60_000);
        assertThat(v2.createdMillis()).isEqualTo(RECEIVED);
        assertThat(v2.destination()).as("members the update leaves out keep their value").isEqualTo(
                new S3Destination(true, DeliveryFixtures.ROLE_ARN, "arn:aws:s3:::my-bucket", "v2/", null, new BufferingHints(64, 600),
                        CompressionFormat.GZIP, null, null));
        assertThat(v2).isEqualTo(active.withDestination(v2.destination(), RECEIVED + 60_000));

        ApiReply again = update("1", "{\"Prefix\": \"v3/\"}");
        assertThat(message(again)).isEqualTo(
                "Cannot update Firehose clicks because the current version id 2 does not match the CurrentDeliveryStreamVersionId 1.");
        JsonNode description = describe("clicks");
        assertThat(description.get("VersionId").asText()).isEqualTo("2");
        assertThat(description.get("LastUpdateTimestamp").decimalValue()).isEqualByComparingTo("1767323105.000");
        assertThat(description.get("Destinations").get(0).get("ExtendedS3DestinationDescription").get("Prefix").asText())
                .isEqualTo("v2/");
    }

    @Test
    void listDeliveryStreamsPagesInNameOrder() throws Exception {
        for (String name : List.of("d", "b", "a", "c")) {
            create(name, "");
        }
        assertThat(list("{}")).isEqualTo("[a, b, c, d] more=false");
        assertThat(list("{\"Limit\": 2}")).isEqualTo("[a, b] more=true");
        assertThat(list("{\"Limit\": 2, \"ExclusiveStartDeliveryStreamName\": \"b\"}")).isEqualTo("[c, d] more=false");
        assertThat(list("{\"Limit\": 3, \"ExclusiveStartDeliveryStreamName\": \"a\"}")).isEqualTo("[b, c, d] more=false");
        assertThat(list("{\"ExclusiveStartDeliveryStreamName\": \"bb\"}")).as("a name that is not there").isEqualTo("[c, d] more=false");
        assertThat(list("{\"ExclusiveStartDeliveryStreamName\": \"d\"}")).isEqualTo("[] more=false");
        assertThat(list("{\"DeliveryStreamType\": \"DirectPut\", \"Limit\": 1}")).isEqualTo("[a] more=true");
        assertThat(list("{\"DeliveryStreamType\": \"KinesisStreamAsSource\"}")).isEqualTo("[] more=false");
    }

    @Test
    void tagsMergeByKeyUpToFifty() throws Exception {
        create("clicks", ", \"Tags\": [{\"Key\": \"a\", \"Value\": \"1\"}, {\"Key\": \"b\", \"Value\": \"2\"}]");
        tag(tags("b", "3", "c", "4"));
        assertThat(last().stream().tags()).containsExactly(new Tag("a", "1"), new Tag("b", "3"), new Tag("c", "4"));
        call(Action.UNTAG_DELIVERY_STREAM, "{\"DeliveryStreamName\": \"clicks\", \"TagKeys\": [\"a\", \"not-there\"]}");
        assertThat(last().stream().tags()).containsExactly(new Tag("b", "3"), new Tag("c", "4"));

        List<String> more = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            more.add(String.format("k%02d", i));
            more.add("v");
        }
        assertThat(tag(tags(more.toArray(String[]::new))).errorType()).isNull();
        assertThat(last().stream().tags()).hasSize(50);
        int changes = changes().size();

        ApiReply fiftyFirst = tag(tags("z", "new"));
        assertThat(fiftyFirst.errorType()).isEqualTo("LimitExceededException");
        assertThat(message(fiftyFirst)).isEqualTo("A Firehose stream cannot have more than 50 tags; clicks would have 51.");
        assertThat(changes()).hasSize(changes);
        assertThat(tag(tags("b", "replaced")).errorType()).as("a key it has is replaced, not added").isNull();

        // ListTagsForDeliveryStream pages in key order.
        JsonNode first = body(call(Action.LIST_TAGS_FOR_DELIVERY_STREAM, "{\"DeliveryStreamName\": \"clicks\", \"Limit\": 3}"));
        assertThat(first.get("Tags")).extracting(t -> t.get("Key").asText() + "=" + t.get("Value").asText())
                .containsExactly("b=replaced", "c=4", "k00=v");
        assertThat(first.get("HasMoreTags").asBoolean()).isTrue();
        JsonNode last = body(call(Action.LIST_TAGS_FOR_DELIVERY_STREAM,
                "{\"DeliveryStreamName\": \"clicks\", \"ExclusiveStartTagKey\": \"k45\"}"));
        assertThat(last.get("Tags")).extracting(t -> t.get("Key").asText()).containsExactly("k46", "k47");
        assertThat(last.get("HasMoreTags").asBoolean()).isFalse();
    }

    @Test
    void deletionSendsAChangeWithoutAStream() throws Exception {
        create("clicks", "");
        assertThat(call(Action.DELETE_DELIVERY_STREAM, "{\"DeliveryStreamName\": \"clicks\"}").errorType())
                .as("a stream still CREATING cannot be deleted").isEqualTo("ResourceInUseException");
        harness.setProcessingTime(T0 + 1_000);
        ApiReply deleted = call(Action.DELETE_DELIVERY_STREAM, "{\"DeliveryStreamName\": \"clicks\", \"AllowForceDelete\": true}");
        assertThat(deleted.errorType()).isNull();
        assertThat(body(deleted).size()).isZero();
        assertThat(last()).isEqualTo(new DeliveryStreamChange("clicks", null));
        assertThat(changes()).as("created, activated, deleted").hasSize(3);
        ApiReply described = call(Action.DESCRIBE_DELIVERY_STREAM, "{\"DeliveryStreamName\": \"clicks\"}");
        assertThat(described.errorType()).isEqualTo("ResourceNotFoundException");
        assertThat(message(described)).isEqualTo("Firehose clicks under account 000000000000 not found.");
        assertThat(call(Action.DELETE_DELIVERY_STREAM, "{\"DeliveryStreamName\": \"clicks\"}").errorType())
                .isEqualTo("ResourceNotFoundException");
        assertThat(list("{}")).isEqualTo("[] more=false");
    }

    // ---- helpers

    private static KeyedOneInputStreamOperatorTestHarness<String, RegistryCommand, DeliveryStreamChange> harness(
            DeliverySettings settings) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new DeliveryStreamRegistry(settings)),
                c -> DeliveryStreamRegistry.ACCOUNT_KEY, Types.STRING);
        h.setup(JacksonTypeInfo.of(DeliveryStreamChange.class).createSerializer(new SerializerConfigImpl()));
        h.open();
        h.setProcessingTime(T0);
        return h;
    }

    /** Decodes {@code json} as the router does and sends it to the registry; returns its answer. */
    private ApiReply call(Action action, String json) throws Exception {
        ControlRequest request = (ControlRequest) DeliveryFixtures.read(action, json);
        harness.processElement(new StreamRecord<>(new RegistryCommand(ref(++callId, WireFormat.JSON), receivedAt, request)));
        ApiReply reply = lastReply();
        assertThat(reply.ref().callId()).as("the call was answered").isEqualTo(callId);
        return reply;
    }

    /** Creates a stream to my-bucket (GZIP, 1 MiB or at once); {@code more} adds members. */
    private ApiReply create(String name, String more) throws Exception {
        return call(Action.CREATE_DELIVERY_STREAM, """
                {"DeliveryStreamName": "%s", "DeliveryStreamType": "DirectPut",
                 "ExtendedS3DestinationConfiguration": {"RoleARN": "arn:aws:iam::000000000000:role/firehose",
                   "BucketARN": "arn:aws:s3:::my-bucket", "CompressionFormat": "GZIP",
                   "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 0}}%s}
                """.formatted(name, more));
    }

    private ApiReply update(String currentVersion, String extendedUpdate) throws Exception {
        return call(Action.UPDATE_DESTINATION, """
                {"DeliveryStreamName": "clicks", "CurrentDeliveryStreamVersionId": "%s",
                 "DestinationId": "destinationId-000000000001", "ExtendedS3DestinationUpdate": %s}
                """.formatted(currentVersion, extendedUpdate));
    }

    private ApiReply tag(String tagsJson) throws Exception {
        return call(Action.TAG_DELIVERY_STREAM, "{\"DeliveryStreamName\": \"clicks\", \"Tags\": " + tagsJson + "}");
    }

    /** A JSON list of tags from keys and values in turn. */
    private static String tags(String... keysAndValues) {
        return IntStream.range(0, keysAndValues.length / 2)
                .mapToObj(i -> "{\"Key\": \"" + keysAndValues[2 * i] + "\", \"Value\": \"" + keysAndValues[2 * i + 1] + "\"}")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private JsonNode describe(String name) throws Exception {
        return body(call(Action.DESCRIBE_DELIVERY_STREAM, "{\"DeliveryStreamName\": \"" + name + "\"}")).get("DeliveryStreamDescription");
    }

    /** A page of ListDeliveryStreams as {@code [names] more=HasMoreDeliveryStreams}. */
    private String list(String json) throws Exception {
        JsonNode page = body(call(Action.LIST_DELIVERY_STREAMS, json));
        List<String> names = new ArrayList<>();
        page.get("DeliveryStreamNames").forEach(n -> names.add(n.asText()));
        return names + " more=" + page.get("HasMoreDeliveryStreams").asBoolean();
    }

    private List<DeliveryStreamChange> changes() {
        return harness.extractOutputValues();
    }

    private DeliveryStreamChange last() {
        List<DeliveryStreamChange> changes = changes();
        return changes.get(changes.size() - 1);
    }

    private ApiReply lastReply() {
        ApiReply last = null;
        for (StreamRecord<ApiReply> r : harness.getSideOutput(DeliveryStreamRegistry.REPLIES)) {
            last = r.getValue();
        }
        return last;
    }

    private static String message(ApiReply reply) {
        return body(reply).get("message").asText();
    }
}
