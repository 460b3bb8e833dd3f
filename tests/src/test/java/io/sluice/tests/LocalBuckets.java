package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.delivery.DeliveryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;

/**
 * LOCAL buckets of a Firehose test in a temporary directory: bucket NAME is {@code <root>/NAME/}, and the
 * objects a test finds there are the committed ones (staging is beside the root).
 */
final class LocalBuckets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root = TestDirs.create("sluice-buckets-");

    /** Points the delivery job's LOCAL buckets here. */
    void configure(Configuration conf) {
        conf.set(DeliveryOptions.BUCKETS, DeliveryOptions.Buckets.LOCAL);
        conf.set(DeliveryOptions.LOCAL_BUCKETS_DIR, root.toString());
    }

    Path bucket(String name) {
        return root.resolve(name);
    }

    /** An object's key: its path below its bucket. */
    String key(String bucket, Path object) {
        return bucket(bucket).relativize(object).toString();
    }

    /** The committed objects of a bucket, in key order. */
    List<Path> objects(String bucket) {
        Path dir = bucket(bucket);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the bucket holds {@code count} objects, and checks it holds no more. */
    List<Path> awaitObjects(String bucket, int count) throws InterruptedException {
        Streams.await(count + " objects in " + bucket, () -> objects(bucket).size() >= count, Duration.ofSeconds(30));
        List<Path> objects = objects(bucket);
        assertThat(objects).hasSize(count);
        return objects;
    }

    /** The one object among {@code objects} of {@code bucket} whose key matches {@code keyPattern}; fails unless exactly one does. */
    Path only(List<Path> objects, String bucket, String keyPattern) {
        List<Path> matching = objects.stream().filter(p -> key(bucket, p).matches(keyPattern)).toList();
        assertThat(matching).as("objects matching %s among %s", keyPattern, objects).hasSize(1);
        return matching.get(0);
    }

    /** An uncompressed object of JSON lines (error output), one document a line. */
    static List<JsonNode> jsonLines(Path object) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        for (String line : Files.readAllLines(object)) {
            docs.add(JSON.readTree(line));
        }
        return docs;
    }

    void delete() throws IOException {
        TestDirs.delete(root.resolveSibling(root.getFileName() + "-staging"));
        TestDirs.delete(root);
    }
}
