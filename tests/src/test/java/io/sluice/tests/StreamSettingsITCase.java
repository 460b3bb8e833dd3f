package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ListTagsForStreamResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.Tag;

/**
 * A stream's settings through the AWS SDK for Java v2: tags by name and by ARN with paging and AWS's
 * limits, and the capacity mode.
 */
class StreamSettingsITCase extends SluiceITCaseBase {

    private static final String ARN_PREFIX = "arn:aws:kinesis:us-east-1:000000000000:stream/";

    @ParameterizedTest
    @EnumSource(Kind.class)
    void tagsAreAddedOverwrittenListedInKeyOrderAndRemoved(Kind kind) throws Exception {
        try (Client client = KinesisClients.create(kind, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            String name = kind.name().toLowerCase() + "-tags";
            kinesis.createStream(b -> b.streamName(name).shardCount(1).tags(Map.of("team", "data")));
            Streams.awaitActive(kinesis, name);
            assertThat(tags(kinesis.listTagsForStream(b -> b.streamName(name)))).containsExactly("team=data");

            kinesis.addTagsToStream(b -> b.streamName(name).tags(Map.of("team", "ml", "env", "prod", "empty", "")));
            ListTagsForStreamResponse all = kinesis.listTagsForStream(b -> b.streamName(name));
            assertThat(tags(all)).containsExactly("empty=", "env=prod", "team=ml");
            assertThat(all.hasMoreTags()).isFalse();

            kinesis.removeTagsFromStream(b -> b.streamName(name).tagKeys("env", "never-there"));
            assertThat(tags(kinesis.listTagsForStream(b -> b.streamARN(ARN_PREFIX + name)))).containsExactly("empty=", "team=ml");
        }
    }

    @Test
    void pagesFollowExclusiveStartTagKey() throws Exception {
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName("paged-tags").shardCount(1));
            Streams.awaitActive(kinesis, "paged-tags");
            Map<String, String> seven = new LinkedHashMap<>();
            for (int i = 6; i >= 0; i--) {
                seven.put("k" + i, "v" + i);
            }
            kinesis.addTagsToStream(b -> b.streamName("paged-tags").tags(seven));

            ListTagsForStreamResponse first = kinesis.listTagsForStream(b -> b.streamName("paged-tags").limit(3));
            assertThat(tags(first)).containsExactly("k0=v0", "k1=v1", "k2=v2");
            assertThat(first.hasMoreTags()).isTrue();
            ListTagsForStreamResponse second =
                    kinesis.listTagsForStream(b -> b.streamName("paged-tags").limit(3).exclusiveStartTagKey("k2"));
            assertThat(tags(second)).containsExactly("k3=v3", "k4=v4", "k5=v5");
            assertThat(second.hasMoreTags()).isTrue();
            ListTagsForStreamResponse last =
                    kinesis.listTagsForStream(b -> b.streamName("paged-tags").limit(3).exclusiveStartTagKey("k5"));
            assertThat(tags(last)).containsExactly("k6=v6");
            assertThat(last.hasMoreTags()).isFalse();
            // A start key that is no tag is still a position in key order.
            assertThat(tags(kinesis.listTagsForStream(b -> b.streamName("paged-tags").exclusiveStartTagKey("k45"))))
                    .containsExactly("k5=v5", "k6=v6");
        }
    }

    @Test
    void resourceActionsTagByArn() throws Exception {
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName("arn-tags").shardCount(1));
            Streams.awaitActive(kinesis, "arn-tags");
            String arn = ARN_PREFIX + "arn-tags";
            kinesis.tagResource(b -> b.resourceARN(arn).tags(Map.of("owner", "sre", "cost-center", "42")));
            assertThat(kinesis.listTagsForResource(b -> b.resourceARN(arn)).tags())
                    .extracting(t -> t.key() + "=" + t.value()).containsExactly("cost-center=42", "owner=sre");
            kinesis.untagResource(b -> b.resourceARN(arn).tagKeys("owner"));
            assertThat(tags(kinesis.listTagsForStream(b -> b.streamName("arn-tags")))).containsExactly("cost-center=42");

            assertThatThrownBy(() -> kinesis.listTagsForResource(b -> b.resourceARN(ARN_PREFIX + "no-such-stream")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> kinesis.listTagsForResource(b -> b.resourceARN(arn + "/consumer/c:1700000000")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> kinesis.tagResource(b -> b.resourceARN("arn:aws:kinesis:eu-west-1:000000000000:stream/arn-tags")
                    .tags(Map.of("a", "b")))).isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void limitsAndCharactersAreEnforcedAsAwsDoes() throws Exception {
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName("limited-tags").shardCount(1));
            Streams.awaitActive(kinesis, "limited-tags");
            Map<String, String> fifty = new LinkedHashMap<>();
            for (int i = 0; i < 50; i++) {
                fifty.put("key" + i, "value");
            }
            kinesis.addTagsToStream(b -> b.streamName("limited-tags").tags(fifty));
            assertThatThrownBy(() -> kinesis.addTagsToStream(b -> b.streamName("limited-tags").tags(Map.of("one-more", "x"))))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("cannot have more than 50 tags");
            // Overwriting a key that is there keeps the count at 50.
            kinesis.addTagsToStream(b -> b.streamName("limited-tags").tags(Map.of("key7", "changed")));
            assertThat(kinesis.listTagsForStream(b -> b.streamName("limited-tags").exclusiveStartTagKey("key69")).tags())
                    .extracting(Tag::value).containsExactly("changed", "value", "value");

            Map<String, String> tooMany = new LinkedHashMap<>();
            for (int i = 0; i < 201; i++) {
                tooMany.put("other" + i, "value");
            }
            assertThatThrownBy(() -> kinesis.addTagsToStream(b -> b.streamName("limited-tags").tags(tooMany)))
                    .isInstanceOfSatisfying(KinesisException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                        assertThat(e.getMessage()).contains("at 'tags' failed to satisfy constraint: Member must have length less than or equal to 200");
                    });
            Map<String, String> fiftyOne = new LinkedHashMap<>(fifty);
            fiftyOne.put("key50", "value");
            assertThatThrownBy(() -> kinesis.createStream(b -> b.streamName("born-with-too-many").shardCount(1).tags(fiftyOne)))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("cannot have more than 50 tags");
            assertThatThrownBy(() -> kinesis.describeStreamSummary(b -> b.streamName("born-with-too-many")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> kinesis.addTagsToStream(b -> b.streamName("limited-tags").tags(Map.of("k".repeat(129), "v"))))
                    .isInstanceOfSatisfying(KinesisException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
            assertThatThrownBy(() -> kinesis.removeTagsFromStream(b -> b.streamName("limited-tags").tagKeys(List.of())))
                    .isInstanceOfSatisfying(KinesisException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
            assertThatThrownBy(() -> kinesis.listTagsForStream(b -> b.streamName("limited-tags").limit(51)))
                    .isInstanceOfSatisfying(KinesisException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
            assertThatThrownBy(() -> kinesis.tagResource(b -> b.resourceARN(ARN_PREFIX + "limited-tags").tags(Map.of("bad#key", "v"))))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("invalid characters");
            assertThatThrownBy(() -> kinesis.addTagsToStream(b -> b.streamName("limited-tags").tags(Map.of("aws:owner", "v"))))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("reserved");
            assertThatThrownBy(() -> kinesis.addTagsToStream(b -> b.streamName("no-such-stream").tags(Map.of("a", "b"))))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThat(kinesis.listTagsForResource(b -> b.resourceARN(ARN_PREFIX + "limited-tags")).tags()).hasSize(50);
        }
    }

    @Test
    void updateStreamModeSwitchesCapacityMode() throws Exception {
        try (Client client = KinesisClients.create(Kind.SYNC_JSON, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName("switching").shardCount(2));
            Streams.awaitActive(kinesis, "switching");
            String arn = ARN_PREFIX + "switching";
            kinesis.updateStreamMode(b -> b.streamARN(arn).streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND)));
            assertThat(mode(kinesis, "switching")).isEqualTo(StreamMode.ON_DEMAND);
            assertThat(kinesis.listStreams(b -> b.limit(100)).streamSummaries())
                    .filteredOn(summary -> summary.streamName().equals("switching"))
                    .extracting(summary -> summary.streamModeDetails().streamMode()).containsExactly(StreamMode.ON_DEMAND);
            kinesis.updateStreamMode(b -> b.streamARN(arn).streamModeDetails(d -> d.streamMode(StreamMode.PROVISIONED)));
            assertThat(mode(kinesis, "switching")).isEqualTo(StreamMode.PROVISIONED);
            assertThat(kinesis.describeStream(b -> b.streamName("switching")).streamDescription().shards()).hasSize(2);
            // AWS allows two switches per rolling 24 hours; asking for the current mode is no switch.
            kinesis.updateStreamMode(b -> b.streamARN(arn).streamModeDetails(d -> d.streamMode(StreamMode.PROVISIONED)));
            assertThatThrownBy(() -> kinesis.updateStreamMode(b -> b.streamARN(arn).streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND))))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessageContaining("has already switched capacity mode 2 times in the last 24 hours");
            assertThat(mode(kinesis, "switching")).isEqualTo(StreamMode.PROVISIONED);

            assertThatThrownBy(() -> kinesis.updateStreamMode(b -> b.streamARN(arn).streamModeDetails(d -> d.streamMode("FAST"))))
                    .isInstanceOfSatisfying(KinesisException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                        assertThat(e.getMessage()).contains("Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]");
                    });
            assertThatThrownBy(() -> kinesis.updateStreamMode(b -> b.streamARN(ARN_PREFIX + "none")
                    .streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND)))).isInstanceOf(ResourceNotFoundException.class);
        }
    }

    private static StreamMode mode(KinesisClient kinesis, String stream) {
        return kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamModeDetails().streamMode();
    }

    private static List<String> tags(ListTagsForStreamResponse response) {
        return response.tags().stream().map(t -> t.key() + "=" + t.value()).toList();
    }
}
