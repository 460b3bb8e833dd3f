package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.delivery.DeliveryOptions;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.BufferingHints;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.ConcurrentModificationException;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.DestinationDescription;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.HECEndpointType;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.LimitExceededException;
import software.amazon.awssdk.services.firehose.model.ListDeliveryStreamsResponse;
import software.amazon.awssdk.services.firehose.model.ListTagsForDeliveryStreamResponse;
import software.amazon.awssdk.services.firehose.model.Processor;
import software.amazon.awssdk.services.firehose.model.ProcessorParameter;
import software.amazon.awssdk.services.firehose.model.ProcessorParameterName;
import software.amazon.awssdk.services.firehose.model.ProcessorType;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ResourceInUseException;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;
import software.amazon.awssdk.services.firehose.model.S3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.Tag;

/**
 * The Firehose control plane end to end through the AWS SDK's {@code FirehoseClient}: create (extended and
 * plain S3), describe, list, tags, UpdateDestination and delete with exact answers; bad input refused with
 * AWS's error (the SDK's exception class where the Firehose model has one, else the error code); raw HTTP
 * as a non-SDK client sends it; and, after all of it, a record still delivered into its LOCAL bucket.
 *
 * <p>New delivery streams stay CREATING for {@link #CREATE_DELAY}: long enough that a call made right after
 * CreateDeliveryStream sees CREATING, so the streams that tests need ACTIVE are made once, in
 * {@link #createSharedStreams}, and waited for together.
 */
class FirehoseApiITCase {

    /** The arrival clock of every call: CreateTimestamp and object keys are exact. */
    private static final String ARRIVAL = "2026-01-02T03:04:05Z";

    private static final Duration CREATE_DELAY = Duration.ofSeconds(5);
    private static final String ACCOUNT = "000000000000";
    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final String DESTINATION_ID = "destinationId-000000000001";
    private static final String JSON_TYPE = "application/x-amz-json-1.1";

    /** Delivery streams made ACTIVE before the tests: one per test that needs an ACTIVE stream. */
    private static final String TAGGED = "tagged";
    private static final String UPDATED = "updated";
    private static final String DELETED = "deleted";
    private static final String INTAKE = "intake";
    private static final String ROOMY = "roomy";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(4);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension FIREHOSE = SluiceExtension.firehoseWithLocalBuckets(conf -> {
        conf.set(DeliveryOptions.CLOCK, "fixed:" + ARRIVAL);
        conf.set(DeliveryOptions.CREATE_DELAY, CREATE_DELAY);
    });

    @BeforeAll
    static void createSharedStreams() {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            firehose.createDeliveryStream(b -> b.deliveryStreamName(TAGGED)
                    .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::tagged-bucket"))
                    .tags(tag("team", "data"), tag("env", "test")));
            firehose.createDeliveryStream(b -> b.deliveryStreamName(UPDATED)
                    .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::updated-bucket")
                            .prefix("before/").errorOutputPrefix("before-errors/")
                            .bufferingHints(h -> h.sizeInMBs(2).intervalInSeconds(120))));
            firehose.createDeliveryStream(b -> b.deliveryStreamName(DELETED)
                    .s3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::deleted-bucket")));
            firehose.createDeliveryStream(b -> b.deliveryStreamName(INTAKE).deliveryStreamType(DeliveryStreamType.DIRECT_PUT)
                    .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::intake-bucket")
                            .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))));
            firehose.createDeliveryStream(b -> b.deliveryStreamName(ROOMY)
                    .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::roomy-bucket")));
            for (String name : List.of(TAGGED, UPDATED, DELETED, INTAKE, ROOMY)) {
                FirehoseStreams.awaitActive(firehose, name);
            }
        }
    }


    @Test
    void newStreamsAreCreatingThenActiveWithTheirExactDestinations() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            String extendedArn = firehose.createDeliveryStream(b -> b.deliveryStreamName("described-ext")
                    .deliveryStreamType(DeliveryStreamType.DIRECT_PUT)
                    .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::ext-bucket")
                            .prefix("events/!{timestamp:yyyy/MM/dd}/").errorOutputPrefix("errors/!{firehose:error-output-type}/")
                            .bufferingHints(h -> h.sizeInMBs(64).intervalInSeconds(600)).compressionFormat(CompressionFormat.GZIP)
                            .fileExtension(".json.gz").customTimeZone("Europe/Paris")))
                    .deliveryStreamARN();
            String plainArn = firehose.createDeliveryStream(b -> b.deliveryStreamName("described-s3")
                    .s3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::plain-bucket"))).deliveryStreamARN();
            assertThat(extendedArn).isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/described-ext");
            assertThat(plainArn).isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/described-s3");

            assertThat(describe(firehose, "described-ext").deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.CREATING);
            refusedWhileCreating(firehose, "described-ext");

            FirehoseStreams.awaitActive(firehose, "described-ext");
            FirehoseStreams.awaitActive(firehose, "described-s3");
            DeliveryStreamDescription extended = describe(firehose, "described-ext");
            assertCommonDescription(extended, "described-ext", extendedArn);
            ExtendedS3DestinationDescription ext = onlyDestination(extended).extendedS3DestinationDescription();
            assertThat(ext.roleARN()).isEqualTo(ROLE);
            assertThat(ext.bucketARN()).isEqualTo("arn:aws:s3:::ext-bucket");
            assertThat(ext.prefix()).isEqualTo("events/!{timestamp:yyyy/MM/dd}/");
            assertThat(ext.errorOutputPrefix()).isEqualTo("errors/!{firehose:error-output-type}/");
            assertThat(ext.bufferingHints()).isEqualTo(hints(64, 600));
            assertThat(ext.compressionFormat()).isEqualTo(CompressionFormat.GZIP);
            assertThat(ext.fileExtension()).isEqualTo(".json.gz");
            assertThat(ext.customTimeZone()).isEqualTo("Europe/Paris");
            S3DestinationDescription extS3 = onlyDestination(extended).s3DestinationDescription();
            assertThat(extS3.roleARN()).isEqualTo(ROLE);
            assertThat(extS3.bucketARN()).isEqualTo("arn:aws:s3:::ext-bucket");
            assertThat(extS3.prefix()).isEqualTo("events/!{timestamp:yyyy/MM/dd}/");
            assertThat(extS3.errorOutputPrefix()).isEqualTo("errors/!{firehose:error-output-type}/");
            assertThat(extS3.bufferingHints()).isEqualTo(hints(64, 600));
            assertThat(extS3.compressionFormat()).isEqualTo(CompressionFormat.GZIP);

            DeliveryStreamDescription plain = describe(firehose, "described-s3");
            assertCommonDescription(plain, "described-s3", plainArn);
            assertThat(onlyDestination(plain).extendedS3DestinationDescription()).isNull();
            S3DestinationDescription s3 = onlyDestination(plain).s3DestinationDescription();
            assertThat(s3.roleARN()).isEqualTo(ROLE);
            assertThat(s3.bucketARN()).isEqualTo("arn:aws:s3:::plain-bucket");
            assertThat(s3.bufferingHints()).as("AWS's S3 defaults").isEqualTo(hints(5, 300));
            assertThat(s3.compressionFormat()).isEqualTo(CompressionFormat.UNCOMPRESSED);
        }
    }

    /** While a stream is CREATING, writes and changes are refused with ResourceInUseException, as in AWS. */
    private static void refusedWhileCreating(FirehoseClient firehose, String name) {
        assertRefused(() -> firehose.putRecord(b -> b.deliveryStreamName(name).record(record("early"))),
                ResourceInUseException.class, "ResourceInUseException",
                "Firehose " + name + " under account " + ACCOUNT + " is not ACTIVE (CREATING).");
        assertRefused(() -> firehose.updateDestination(b -> b.deliveryStreamName(name).currentDeliveryStreamVersionId("1")
                        .destinationId(DESTINATION_ID).extendedS3DestinationUpdate(u -> u.prefix("early/"))),
                ResourceInUseException.class, "ResourceInUseException", "Firehose " + name + " is not ACTIVE (CREATING).");
        assertRefused(() -> firehose.deleteDeliveryStream(b -> b.deliveryStreamName(name)),
                ResourceInUseException.class, "ResourceInUseException",
                "Firehose " + name + " under account " + ACCOUNT + " is CREATING; it can be deleted once it is ACTIVE.");
    }

    private static void assertCommonDescription(DeliveryStreamDescription d, String name, String arn) {
        assertThat(d.deliveryStreamName()).isEqualTo(name);
        assertThat(d.deliveryStreamARN()).isEqualTo(arn);
        assertThat(d.deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.ACTIVE);
        assertThat(d.deliveryStreamType()).isEqualTo(DeliveryStreamType.DIRECT_PUT);
        assertThat(d.versionId()).isEqualTo("1");
        assertThat(d.createTimestamp()).isEqualTo(Instant.parse(ARRIVAL));
        assertThat(d.hasMoreDestinations()).isFalse();
    }

    @Test
    void listingIsInNameOrderWithLimitStartAndTypeFilter() {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            // Created out of order; "zz-list-" sorts after every other stream of this class.
            for (String name : List.of("zz-list-c", "zz-list-a", "zz-list-e", "zz-list-b", "zz-list-d")) {
                firehose.createDeliveryStream(b -> b.deliveryStreamName(name)
                        .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::list-bucket")));
            }
            ListDeliveryStreamsResponse all = firehose.listDeliveryStreams(b -> b.limit(10_000));
            assertThat(all.deliveryStreamNames()).isSorted().contains(TAGGED, UPDATED, INTAKE, ROOMY)
                    .endsWith("zz-list-a", "zz-list-b", "zz-list-c", "zz-list-d", "zz-list-e");
            assertThat(all.hasMoreDeliveryStreams()).isFalse();

            assertPage(firehose.listDeliveryStreams(b -> b.limit(2).exclusiveStartDeliveryStreamName("zz-list-")),
                    true, "zz-list-a", "zz-list-b");
            assertPage(firehose.listDeliveryStreams(b -> b.limit(2).exclusiveStartDeliveryStreamName("zz-list-b")),
                    true, "zz-list-c", "zz-list-d");
            assertPage(firehose.listDeliveryStreams(b -> b.limit(2).exclusiveStartDeliveryStreamName("zz-list-d")),
                    false, "zz-list-e");
            assertPage(firehose.listDeliveryStreams(b -> b.limit(1).exclusiveStartDeliveryStreamName("zz-list-e")), false);
            assertPage(firehose.listDeliveryStreams(b -> b.exclusiveStartDeliveryStreamName("zz-list-c")
                    .deliveryStreamType(DeliveryStreamType.DIRECT_PUT)), false, "zz-list-d", "zz-list-e");
            assertPage(firehose.listDeliveryStreams(b -> b.deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)), false);

            // Which tests ran before decides how many streams there are (9 to 12).
            List<String> names = all.deliveryStreamNames();
            ListDeliveryStreamsResponse defaults = firehose.listDeliveryStreams(b -> {});
            assertThat(defaults.deliveryStreamNames()).as("default Limit 10").isEqualTo(names.subList(0, Math.min(10, names.size())));
            assertThat(defaults.hasMoreDeliveryStreams()).isEqualTo(names.size() > 10);

            assertRefused(() -> firehose.listDeliveryStreams(b -> b.limit(0)), FirehoseException.class, "ValidationException",
                    "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint:"
                            + " Member must have value greater than or equal to 1");
        }
    }

    private static void assertPage(ListDeliveryStreamsResponse page, boolean more, String... names) {
        assertThat(page.deliveryStreamNames()).containsExactly(names);
        assertThat(page.hasMoreDeliveryStreams()).isEqualTo(more);
    }

    @Test
    void tagsAreAddedReplacedRemovedAndPagedUpToFifty() {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            assertTags(firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName(TAGGED)), false, "env=test", "team=data");

            firehose.tagDeliveryStream(b -> b.deliveryStreamName(TAGGED).tags(tag("team", "platform"), tag("cost", "42")));
            assertTags(firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName(TAGGED)), false,
                    "cost=42", "env=test", "team=platform");

            firehose.untagDeliveryStream(b -> b.deliveryStreamName(TAGGED).tagKeys("env", "never-set"));
            assertTags(firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName(TAGGED)), false, "cost=42", "team=platform");

            assertTags(firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName(TAGGED).limit(1)), true, "cost=42");
            assertTags(firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName(TAGGED).limit(1).exclusiveStartTagKey("cost")),
                    false, "team=platform");
            assertTags(firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName(TAGGED).exclusiveStartTagKey("team")), false);

            // 2 + 48 = 50 tags: the most a delivery stream carries.
            firehose.tagDeliveryStream(b -> b.deliveryStreamName(TAGGED).tags(numberedTags(48)));
            ListTagsForDeliveryStreamResponse fifty = firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName(TAGGED));
            assertThat(fifty.tags()).hasSize(50);
            assertThat(fifty.hasMoreTags()).isFalse();
            assertRefused(() -> firehose.tagDeliveryStream(b -> b.deliveryStreamName(TAGGED).tags(tag("one-too-many", "x"))),
                    LimitExceededException.class, "LimitExceededException",
                    "A Firehose stream cannot have more than 50 tags; tagged would have 51.");
            // Replacing a value at 50 tags adds none.
            firehose.tagDeliveryStream(b -> b.deliveryStreamName(TAGGED).tags(tag("cost", "43")));
            assertTags(firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName(TAGGED).limit(1)), true, "cost=43");

            assertRefused(() -> firehose.tagDeliveryStream(b -> b.deliveryStreamName(TAGGED).tags(numberedTags(51))),
                    FirehoseException.class, "ValidationException",
                    "1 validation error detected: Value '[...]' at 'tags' failed to satisfy constraint:"
                            + " Member must have length less than or equal to 50");
            assertRefused(() -> firehose.tagDeliveryStream(b -> b.deliveryStreamName("no-such-stream").tags(tag("a", "b"))),
                    ResourceNotFoundException.class, "ResourceNotFoundException", notFound("no-such-stream"));
            assertThat(firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName(TAGGED)).tags()).hasSize(50);
        }
    }

    private static void assertTags(ListTagsForDeliveryStreamResponse r, boolean more, String... keyValues) {
        assertThat(r.tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly(keyValues);
        assertThat(r.hasMoreTags()).isEqualTo(more);
    }

    @Test
    void updateDestinationMovesTheVersionAndChecksVersionAndDestination() {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            assertThat(describe(firehose, UPDATED).versionId()).isEqualTo("1");
            firehose.updateDestination(b -> b.deliveryStreamName(UPDATED).currentDeliveryStreamVersionId("1")
                    .destinationId(DESTINATION_ID).extendedS3DestinationUpdate(u -> u.prefix("after/")
                            .bufferingHints(h -> h.sizeInMBs(64).intervalInSeconds(600)).compressionFormat(CompressionFormat.ZIP)));
            DeliveryStreamDescription after = describe(firehose, UPDATED);
            assertThat(after.versionId()).isEqualTo("2");
            assertThat(after.createTimestamp()).isEqualTo(Instant.parse(ARRIVAL));
            ExtendedS3DestinationDescription ext = onlyDestination(after).extendedS3DestinationDescription();
            assertThat(ext.prefix()).isEqualTo("after/");
            assertThat(ext.bufferingHints()).isEqualTo(hints(64, 600));
            assertThat(ext.compressionFormat()).isEqualTo(CompressionFormat.ZIP);
            assertThat(ext.errorOutputPrefix()).as("not in the update: kept").isEqualTo("before-errors/");
            assertThat(ext.roleARN()).isEqualTo(ROLE);
            assertThat(ext.bucketARN()).isEqualTo("arn:aws:s3:::updated-bucket");

            assertRefused(() -> firehose.updateDestination(b -> b.deliveryStreamName(UPDATED).currentDeliveryStreamVersionId("1")
                            .destinationId(DESTINATION_ID).extendedS3DestinationUpdate(u -> u.prefix("stale/"))),
                    ConcurrentModificationException.class, "ConcurrentModificationException",
                    "Cannot update Firehose updated because the current version id 2 does not match the"
                            + " CurrentDeliveryStreamVersionId 1.");
            assertRefused(() -> firehose.updateDestination(b -> b.deliveryStreamName(UPDATED).currentDeliveryStreamVersionId("2")
                            .destinationId("destinationId-000000000002").extendedS3DestinationUpdate(u -> u.prefix("elsewhere/"))),
                    InvalidArgumentException.class, "InvalidArgumentException",
                    "Destination destinationId-000000000002 of Firehose updated not found.");
            assertRefused(() -> firehose.updateDestination(b -> b.deliveryStreamName(UPDATED).currentDeliveryStreamVersionId("2")
                            .destinationId(DESTINATION_ID).extendedS3DestinationUpdate(u -> u.bufferingHints(h -> h.sizeInMBs(129)
                                    .intervalInSeconds(60)))),
                    FirehoseException.class, "ValidationException",
                    "1 validation error detected: Value '129' at 'extendedS3DestinationUpdate.bufferingHints.sizeInMBs' failed to"
                            + " satisfy constraint: Member must have value less than or equal to 128");
            assertRefused(() -> firehose.updateDestination(b -> b.deliveryStreamName("no-such-stream").currentDeliveryStreamVersionId("1")
                            .destinationId(DESTINATION_ID).extendedS3DestinationUpdate(u -> u.prefix("x/"))),
                    ResourceNotFoundException.class, "ResourceNotFoundException", notFound("no-such-stream"));

            DeliveryStreamDescription unchanged = describe(firehose, UPDATED);
            assertThat(unchanged.versionId()).as("refused updates change nothing").isEqualTo("2");
            assertThat(onlyDestination(unchanged).extendedS3DestinationDescription().prefix()).isEqualTo("after/");
        }
    }

    @Test
    void deletedStreamIsGoneAndATakenNameIsInUse() {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            assertRefused(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName(DELETED)
                            .s3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::other-bucket"))),
                    ResourceInUseException.class, "ResourceInUseException",
                    "Firehose deleted under accountId 000000000000 already exists.");

            firehose.deleteDeliveryStream(b -> b.deliveryStreamName(DELETED).allowForceDelete(true));
            assertRefused(() -> firehose.describeDeliveryStream(b -> b.deliveryStreamName(DELETED)),
                    ResourceNotFoundException.class, "ResourceNotFoundException",
                    "Firehose deleted under account 000000000000 not found.");
            assertRefused(() -> firehose.deleteDeliveryStream(b -> b.deliveryStreamName(DELETED)),
                    ResourceNotFoundException.class, "ResourceNotFoundException", notFound(DELETED));
            assertRefused(() -> firehose.putRecord(b -> b.deliveryStreamName(DELETED).record(record("late"))),
                    ResourceNotFoundException.class, "ResourceNotFoundException", notFound(DELETED));
            assertThat(firehose.listDeliveryStreams(b -> b.limit(10_000)).deliveryStreamNames()).doesNotContain(DELETED);
        }
    }

    @Test
    void badNamesAndOversizedOrEmptyPutsAreRefused() {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            String longName = "n".repeat(65);
            assertRefused(() -> firehose.createDeliveryStream(validS3(longName)), FirehoseException.class, "ValidationException",
                    "1 validation error detected: Value '" + longName + "' at 'deliveryStreamName' failed to satisfy constraint:"
                            + " Member must have length less than or equal to 64");
            assertRefused(() -> firehose.describeDeliveryStream(b -> b.deliveryStreamName("bad name!")),
                    FirehoseException.class, "ValidationException",
                    "1 validation error detected: Value 'bad name!' at 'deliveryStreamName' failed to satisfy constraint:"
                            + " Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
            assertRefused(() -> firehose.putRecord(b -> b.deliveryStreamName("no-such-stream").record(record("x"))),
                    ResourceNotFoundException.class, "ResourceNotFoundException", notFound("no-such-stream"));

            assertRefused(() -> firehose.putRecord(b -> b.deliveryStreamName(INTAKE).record(record(new byte[1_024_001]))),
                    FirehoseException.class, "ValidationException",
                    "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1024001 cap=1024001]' at"
                            + " 'record.data' failed to satisfy constraint: Member must have length less than or equal to 1024000");
            FirehoseException tooMany = refused(() -> firehose.putRecordBatch(b -> b.deliveryStreamName(INTAKE)
                    .records(Collections.nCopies(501, record("r")))));
            assertError(tooMany, FirehoseException.class, "ValidationException");
            assertThat(tooMany.awsErrorDetails().errorMessage()).startsWith("1 validation error detected: Value ")
                    .endsWith(" at 'records' failed to satisfy constraint: Member must have length less than or equal to 500");
            assertRefused(() -> firehose.putRecordBatch(b -> b.deliveryStreamName(INTAKE)
                            .records(Collections.nCopies(5, record(new byte[1_000_000])))),
                    InvalidArgumentException.class, "InvalidArgumentException",
                    "Records size exceeds 4 MiB limit: 5000000 bytes of data in one PutRecordBatch.");
            assertRefused(() -> firehose.putRecordBatch(b -> b.deliveryStreamName(INTAKE).records(List.of())),
                    FirehoseException.class, "ValidationException",
                    "1 validation error detected: Value '[]' at 'records' failed to satisfy constraint:"
                            + " Member must have length greater than or equal to 1");

            // Exactly at both limits: four records of 1,024,000 bytes and one more up to 4 MiB in all.
            List<Record> atLimits = new ArrayList<>(Collections.nCopies(4, record(new byte[1_024_000])));
            atLimits.add(record(new byte[4 * 1024 * 1024 - 4 * 1_024_000]));
            PutRecordBatchResponse accepted = firehose.putRecordBatch(b -> b.deliveryStreamName(ROOMY).records(atLimits));
            assertThat(accepted.failedPutCount()).isZero();
            assertThat(accepted.requestResponses()).hasSize(5).allSatisfy(r -> assertThat(r.recordId()).hasSize(48));
        }
    }

    @Test
    void badDestinationsAreRefusedAndTheServerStillDelivers() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            refuseHintsAndCompression(firehose);
            refuseUnservedDestinations(firehose);
            refuseUnservedOptions(firehose);
            for (String name : List.of("bad-hints", "bad-destination", "bad-option")) {
                assertRefused(() -> firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)),
                        ResourceNotFoundException.class, "ResourceNotFoundException", notFound(name));
            }

            String recordId = firehose.putRecord(b -> b.deliveryStreamName(INTAKE).record(record("after the bad calls\n"))).recordId();
            assertThat(recordId).hasSize(48);
            Streams.await("an object in intake-bucket", () -> !listObjects("intake-bucket").isEmpty(), Duration.ofSeconds(30));
            List<Path> objects = listObjects("intake-bucket");
            assertThat(objects).hasSize(1);
            assertThat(FIREHOSE.buckets().key("intake-bucket", objects.get(0)))
                    .matches("2026/01/02/03/intake-1-2026-01-02-03-04-05-[0-9a-f-]{36}");
            assertThat(Files.readString(objects.get(0))).isEqualTo("after the bad calls\n");
        }
    }

    private static void refuseHintsAndCompression(FirehoseClient firehose) {
        String path = "extendedS3DestinationConfiguration.";
        assertRefused(() -> firehose.createDeliveryStream(withHints(0, 60)), FirehoseException.class, "ValidationException",
                "1 validation error detected: Value '0' at '" + path + "bufferingHints.sizeInMBs' failed to satisfy constraint:"
                        + " Member must have value greater than or equal to 1");
        assertRefused(() -> firehose.createDeliveryStream(withHints(129, 60)), FirehoseException.class, "ValidationException",
                "1 validation error detected: Value '129' at '" + path + "bufferingHints.sizeInMBs' failed to satisfy constraint:"
                        + " Member must have value less than or equal to 128");
        assertRefused(() -> firehose.createDeliveryStream(withHints(5, 901)), FirehoseException.class, "ValidationException",
                "1 validation error detected: Value '901' at '" + path + "bufferingHints.intervalInSeconds' failed to satisfy"
                        + " constraint: Member must have value less than or equal to 900");
        assertRefused(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad-hints")
                        .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::b")
                                .bufferingHints(h -> h.sizeInMBs(10)))),
                InvalidArgumentException.class, "InvalidArgumentException",
                "BufferingHints must specify both SizeInMBs and IntervalInSeconds when either is specified.");
        assertRefused(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad-hints")
                        .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::b").compressionFormat("BROTLI"))),
                FirehoseException.class, "ValidationException",
                "1 validation error detected: Value 'BROTLI' at '" + path + "compressionFormat' failed to satisfy constraint:"
                        + " Member must satisfy enum value set: [UNCOMPRESSED, GZIP, ZIP, Snappy, HADOOP_SNAPPY]");
    }

    private static void refuseUnservedDestinations(FirehoseClient firehose) {
        assertRefused(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad-destination")
                        .redshiftDestinationConfiguration(r -> r.roleARN(ROLE).clusterJDBCURL("jdbc:redshift://cluster:5439/db")
                                .copyCommand(c -> c.dataTableName("events")).username("user").password("password")
                                .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::b")))),
                InvalidArgumentException.class, "InvalidArgumentException", unserved("RedshiftDestinationConfiguration"));
        assertRefused(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad-destination")
                        .splunkDestinationConfiguration(s -> s.hecEndpoint("https://splunk:8088").hecEndpointType(HECEndpointType.RAW)
                                .hecToken("token").s3Configuration(c -> c.roleARN(ROLE).bucketARN("arn:aws:s3:::b")))),
                InvalidArgumentException.class, "InvalidArgumentException", unserved("SplunkDestinationConfiguration"));
        assertRefused(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad-destination")
                        .httpEndpointDestinationConfiguration(h -> h.endpointConfiguration(e -> e.url("https://example.com/ingest"))
                                .s3Configuration(c -> c.roleARN(ROLE).bucketARN("arn:aws:s3:::b")))
                        .s3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::b"))),
                InvalidArgumentException.class, "InvalidArgumentException", "Only one destination configuration may be specified.");
        assertRefused(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad-destination")
                        .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::b"))
                        .s3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::b"))),
                InvalidArgumentException.class, "InvalidArgumentException", "Only one destination configuration may be specified.");
        assertRefused(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad-destination")),
                InvalidArgumentException.class, "InvalidArgumentException",
                "A destination configuration must be specified: ExtendedS3DestinationConfiguration, S3DestinationConfiguration"
                        + " or HttpEndpointDestinationConfiguration.");
    }

    private static void refuseUnservedOptions(FirehoseClient firehose) {
        assertRefused(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad-option")
                        .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                        .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::b"))),
                InvalidArgumentException.class, "InvalidArgumentException",
                "KinesisStreamSourceConfiguration is required when DeliveryStreamType is KinesisStreamAsSource.");
        assertRefused(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad-option")
                        .deliveryStreamType(DeliveryStreamType.MSK_AS_SOURCE)
                        .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::b"))),
                InvalidArgumentException.class, "InvalidArgumentException", "Sluice does not serve delivery streams of type MSKAsSource.");
        Processor lambda = Processor.builder().type(ProcessorType.LAMBDA).parameters(ProcessorParameter.builder()
                .parameterName(ProcessorParameterName.LAMBDA_ARN).parameterValue("arn:aws:lambda:us-east-1:000000000000:function:f")
                .build()).build();
        assertRefused(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad-option")
                        .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::b")
                                .processingConfiguration(p -> p.enabled(true).processors(lambda)))),
                InvalidArgumentException.class, "InvalidArgumentException",
                "Lambda function arn:aws:lambda:us-east-1:000000000000:function:f does not exist: Sluice knows the functions []"
                        + " (sluice.firehose.functions.NAME.class or .url).");
        assertRefused(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad-option")
                        .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::b")
                                .prefix("logs/!{timestamp:yyyy}/"))),
                InvalidArgumentException.class, "InvalidArgumentException",
                "ErrorOutputPrefix can't be null when Prefix contains expressions.");
    }

    @Test
    void rawHttpErrorsAreAwsShaped() throws Exception {
        JsonNode malformed = assertHttpError(post("Firehose_20150804.CreateDeliveryStream", "{\"DeliveryStreamName\":"),
                "SerializationException");
        assertThat(malformed.get("message").asText()).startsWith("The request body is not valid JSON: ");
        JsonNode unknown = assertHttpError(post("Firehose_20150804.Nope", "{}"), "UnknownOperationException");
        assertThat(unknown.get("message").asText()).isEqualTo("Unknown operation Firehose_20150804.Nope.");
        JsonNode kinesis = assertHttpError(post("Kinesis_20131202.ListStreams", "{}"), "UnknownOperationException");
        assertThat(kinesis.get("message").asText()).isEqualTo("Unknown operation Kinesis_20131202.ListStreams.");
        JsonNode missing = assertHttpError(post("Firehose_20150804.DescribeDeliveryStream", "{\"DeliveryStreamName\":\"nowhere\"}"),
                "ResourceNotFoundException");
        assertThat(missing.get("message").asText()).isEqualTo(notFound("nowhere"));

        HttpResponse<byte[]> ok = post("Firehose_20150804.ListDeliveryStreams", "{\"Limit\":1}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(JSON.readTree(ok.body()).get("DeliveryStreamNames")).hasSize(1);
    }

    private static JsonNode assertHttpError(HttpResponse<byte[]> r, String type) throws IOException {
        assertThat(r.statusCode()).as("status of %s", new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(400);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).contains(type);
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(r.headers().firstValue("Content-Type")).contains(JSON_TYPE);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("__type").asText()).isEqualTo(type);
        return body;
    }

    private static HttpResponse<byte[]> post(String target, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(FIREHOSE.endpoint())
                        .header("Content-Type", JSON_TYPE)
                        .header("X-Amz-Target", target)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    // ---- helpers ----

    /** The call's failure, which must be a Firehose service error. */
    private static FirehoseException refused(Runnable call) {
        try {
            call.run();
        } catch (FirehoseException e) {
            return e;
        }
        throw new AssertionError("The call was expected to be refused, and succeeded");
    }

    private static void assertRefused(Runnable call, Class<? extends FirehoseException> type, String errorCode, String message) {
        FirehoseException e = refused(call);
        assertError(e, type, errorCode);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    }

    private static void assertError(FirehoseException e, Class<? extends FirehoseException> type, String errorCode) {
        assertThat(e).as(e.getMessage()).isExactlyInstanceOf(type);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorCode);
        assertThat(e.requestId()).isNotBlank();
    }

    private static String notFound(String name) {
        return "Firehose " + name + " under account " + ACCOUNT + " not found.";
    }

    private static String unserved(String member) {
        return "Sluice does not deliver to the destination " + member
                + " yet; use ExtendedS3DestinationConfiguration or HttpEndpointDestinationConfiguration.";
    }

    private static CreateDeliveryStreamRequest validS3(String name) {
        return CreateDeliveryStreamRequest.builder().deliveryStreamName(name)
                .s3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::b")).build();
    }

    private static CreateDeliveryStreamRequest withHints(int sizeInMBs, int intervalInSeconds) {
        return CreateDeliveryStreamRequest.builder().deliveryStreamName("bad-hints")
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::b")
                        .bufferingHints(h -> h.sizeInMBs(sizeInMBs).intervalInSeconds(intervalInSeconds)))
                .build();
    }

    private static DeliveryStreamDescription describe(FirehoseClient firehose, String name) {
        return firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription();
    }

    private static DestinationDescription onlyDestination(DeliveryStreamDescription d) {
        assertThat(d.destinations()).hasSize(1);
        assertThat(d.destinations().get(0).destinationId()).isEqualTo(DESTINATION_ID);
        return d.destinations().get(0);
    }

    private static BufferingHints hints(int sizeInMBs, int intervalInSeconds) {
        return BufferingHints.builder().sizeInMBs(sizeInMBs).intervalInSeconds(intervalInSeconds).build();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static List<Tag> numberedTags(int n) {
        return IntStream.range(0, n).mapToObj(i -> tag(String.format("k%02d", i), "v" + i)).toList();
    }

    private static Record record(String data) {
        return Record.builder().data(SdkBytes.fromUtf8String(data)).build();
    }

    private static Record record(byte[] data) {
        return Record.builder().data(SdkBytes.fromByteArray(data)).build();
    }

    private static List<Path> listObjects(String bucket) {
        return FIREHOSE.buckets().objects(bucket);
    }
}
