package io.sluice.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.Tag;

/**
 * Every delivery stream the Firehose API shows, read with the AWS SDK: DescribeDeliveryStream's whole description
 * (status, type, version, timestamps, every destination setting) and ListTagsForDeliveryStream's tags, as a JSON tree
 * keyed by the API's member names (so it does not depend on the SDK's classes). Two captures are equal exactly when a
 * client could not tell the two delivery-stream catalogs apart; a fixture savepoint of the delivery job keeps one beside it.
 */
final class FirehoseContents {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FirehoseContents() {}

    /** Reads every delivery stream through {@code firehose}, in ListDeliveryStreams' order. */
    static JsonNode capture(FirehoseClient firehose) {
        List<Object> streams = new ArrayList<>();
        for (String name : firehose.listDeliveryStreams(b -> b.limit(10_000)).deliveryStreamNames()) {
            Map<String, Object> stream = new LinkedHashMap<>();
            stream.put("description", tree(firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription()));
            Map<String, String> tags = new TreeMap<>();
            for (Tag t : firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName(name)).tags()) {
                tags.put(t.key(), t.value());
            }
            stream.put("tags", tags);
            streams.add(stream);
        }
        // Through text, so that numbers compare equal whichever way the tree was made.
        return read(write(Map.of("deliveryStreams", streams)));
    }

    static void write(JsonNode contents, Path file) throws IOException {
        JSON.writeValue(file.toFile(), contents);
    }

    static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    /** An SDK value as plain maps and lists: structures by member name (unset members left out), times in epoch ms. */
    private static Object tree(Object value) {
        if (value instanceof SdkPojo pojo) {
            Map<String, Object> members = new LinkedHashMap<>();
            for (SdkField<?> field : pojo.sdkFields()) {
                Object member = field.getValueOrDefault(pojo);
                if (member != null && !isUnsetCollection(member)) {
                    members.put(field.memberName(), tree(member));
                }
            }
            return members;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(FirehoseContents::tree).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> entries = new TreeMap<>();
            map.forEach((k, v) -> entries.put(String.valueOf(k), tree(v)));
            return entries;
        }
        if (value instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        if (value instanceof SdkBytes bytes) {
            return Base64.getEncoder().encodeToString(bytes.asByteArray());
        }
        return value;
    }

    private static boolean isUnsetCollection(Object member) {
        return member instanceof software.amazon.awssdk.core.util.SdkAutoConstructList
                || member instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap;
    }

    private static String write(Object tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
