package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.http.HttpSourceOptions;
import io.sluice.common.kpl.KplAggregation;
import io.sluice.common.kpl.UserRecord;
import io.sluice.delivery.DeliveryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.KinesisStreamSourceDescription;
import software.amazon.awssdk.services.firehose.model.ProcessorType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * {@code KinesisStreamAsSource} delivery streams reading a Sluice stream: Streams and Firehose run together on one
 * cluster (the Firehose job reads the Streams endpoint), the stream is written with the AWS SDK's KinesisClient (plain
 * records and KPL aggregates) and split while it is written, and every record lands exactly once in the delivered
 * objects of each of the two delivery streams that read it, in partition-key order, with its kinesisRecordMetadata.
 */
class FirehoseKinesisSourceITCase {

    private static final int STREAMS_PORT = freePort();
    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final BigInteger HALF = BigInteger.ONE.shiftLeft(127);
    private static final int KEYS = 10;
    /** Per key and phase: 15 plain records, then one KPL aggregate of 5 user records. */
    private static final int PLAIN = 15;
    private static final int AGGREGATED = 5;
    private static final int PHASES = 3;
    private static final int TOTAL = KEYS * PHASES * (PLAIN + AGGREGATED);

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(4);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension STREAMS = SluiceExtension.with(conf -> {
        conf.set(HttpSourceOptions.PORT, STREAMS_PORT);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
    });

    @RegisterExtension
    @Order(3)
    static final SluiceExtension FIREHOSE = SluiceExtension.firehoseWithLocalBuckets(conf -> {
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        conf.set(DeliveryOptions.KINESIS_ENDPOINT, "http://127.0.0.1:" + STREAMS_PORT);
        conf.set(DeliveryOptions.KINESIS_DISCOVERY_INTERVAL, Duration.ofMillis(200));
        conf.setString("sluice.firehose.functions.kinesis-lines.class", TestTransformers.KinesisLines.class.getName());
    });

    @Test
    void twoDeliveryStreamsEachGetEveryRecordOnceInKeyOrderAcrossASplit() throws Exception {
        try (KinesisClients.Client streams = KinesisClients.create(KinesisClients.Kind.SYNC_CBOR, STREAMS.endpoint());
                FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            KinesisClient kinesis = streams.api();
            kinesis.createStream(b -> b.streamName("clicks").shardCount(1));
            Streams.awaitActive(kinesis, "clicks");
            String streamArn = "arn:aws:kinesis:us-east-1:000000000000:stream/clicks";
            createFromStream(firehose, "from-clicks", streamArn, "bucket-lines", true);
            createFromStream(firehose, "also-clicks", streamArn, "bucket-raw", false);

            DeliveryStreamDescription described = firehose.describeDeliveryStream(b -> b.deliveryStreamName("from-clicks"))
                    .deliveryStreamDescription();
            KinesisStreamSourceDescription source = described.source().kinesisStreamSourceDescription();
            assertThat(described.deliveryStreamTypeAsString()).isEqualTo("KinesisStreamAsSource");
            assertThat(source.kinesisStreamARN()).isEqualTo(streamArn);
            assertThat(source.roleARN()).isEqualTo(ROLE);
            assertThat(source.deliveryStartTimestamp()).isEqualTo(described.createTimestamp());
            assertThat(firehose.listDeliveryStreams(b -> b.deliveryStreamType("KinesisStreamAsSource")).deliveryStreamNames())
                    .containsExactly("also-clicks", "from-clicks");
            assertThat(firehose.listDeliveryStreams(b -> b.deliveryStreamType("DirectPut")).deliveryStreamNames()).isEmpty();
            assertThatThrownBy(() -> firehose.putRecord(b -> b.deliveryStreamName("from-clicks").record(r -> r.data(SdkBytes.fromUtf8String("x")))))
                    .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("This operation is not permitted on KinesisStreamAsSource delivery stream type."));

            int[] next = new int[KEYS];
            writePhase(kinesis, next);
            kinesis.splitShard(b -> b.streamName("clicks").shardToSplit("shardId-000000000000").newStartingHashKey(HALF.toString()));
            writePhase(kinesis, next); // while the split is under way
            Streams.awaitActive(kinesis, "clicks");
            writePhase(kinesis, next); // into the children

            List<String[]> lines = awaitLines("bucket-lines", TOTAL);
            assertExactlyOnceInKeyOrder(lines);
            assertKinesisMetadata(lines, described.createTimestamp().toEpochMilli());
            List<String[]> raw = awaitLines("bucket-raw", TOTAL);
            assertThat(raw.stream().map(l -> l[0]).distinct()).hasSize(TOTAL);

            // Deleted, also-clicks stops reading: records put meanwhile reach only from-clicks. Created again under its
            // name, it reads from its new creation on, once: the old splits would have delivered "after-recreation" twice.
            firehose.deleteDeliveryStream(b -> b.deliveryStreamName("also-clicks"));
            kinesis.putRecord(b -> b.streamName("clicks").partitionKey("user-0").data(SdkBytes.fromUtf8String("while-deleted")));
            Streams.await("while-deleted delivered", () -> lines("bucket-lines").stream().anyMatch(l -> l[0].equals("while-deleted")),
                    Duration.ofSeconds(30));
            createFromStream(firehose, "also-clicks", streamArn, "bucket-again", false);
            kinesis.putRecord(b -> b.streamName("clicks").partitionKey("user-1").data(SdkBytes.fromUtf8String("after-recreation")));
            Streams.await("after-recreation delivered", () -> lines("bucket-lines").stream().anyMatch(l -> l[0].equals("after-recreation")),
                    Duration.ofSeconds(30));
            assertThat(awaitLines("bucket-again", 1)).extracting(l -> l[0]).containsExactly("after-recreation");
            assertThat(lines("bucket-raw")).hasSize(TOTAL);
        }
    }

    /** Phase records: per key, {@link #PLAIN} records put one key after the other, then one aggregate of {@link #AGGREGATED}. */
    private static void writePhase(KinesisClient kinesis, int[] next) {
        for (int round = 0; round < PLAIN; round++) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int k = 0; k < KEYS; k++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey(key(k)).data(SdkBytes.fromUtf8String(key(k) + ":" + next[k]++)).build());
            }
            assertThat(kinesis.putRecords(b -> b.streamName("clicks").records(entries)).failedRecordCount()).isZero();
        }
        for (int k = 0; k < KEYS; k++) {
            List<UserRecord> users = new ArrayList<>();
            for (int i = 0; i < AGGREGATED; i++) {
                users.add(new UserRecord(key(k), null, (key(k) + ":" + next[k]++).getBytes(StandardCharsets.UTF_8), i));
            }
            byte[] aggregate = KplAggregation.aggregate(users);
            String partitionKey = key(k);
            kinesis.putRecord(b -> b.streamName("clicks").partitionKey(partitionKey).data(SdkBytes.fromByteArray(aggregate)));
        }
    }

    /**
     * Every record of every key once, and a key's records in the order they were written: within each object they
     * follow one another without a gap (an object holds one contiguous stretch of the stream's records, in arrival
     * order; objects are written by concurrent flushes, so their order is their names', not the listing's).
     */
    private static void assertExactlyOnceInKeyOrder(List<String[]> lines) {
        assertThat(lines).hasSize(TOTAL);
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        Map<String, Integer> lastInObject = new HashMap<>();
        String object = null;
        for (String[] line : lines) {
            if (!line[line.length - 1].equals(object)) {
                object = line[line.length - 1];
                lastInObject.clear();
            }
            String key = line[0].substring(0, line[0].indexOf(':'));
            int n = Integer.parseInt(line[0].substring(line[0].indexOf(':') + 1));
            Integer previous = lastInObject.put(key, n);
            if (previous != null) {
                assertThat(n).as("%s after %s:%s in object %s", line[0], key, previous, object).isEqualTo(previous + 1);
            }
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(n);
        }
        assertThat(byKey).hasSize(KEYS);
        byKey.forEach((key, numbers) -> assertThat(numbers).as("the records of %s", key)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, PHASES * (PLAIN + AGGREGATED)).boxed().toList()));
    }

    /** Each record's shard, partition key, sequence and sub-sequence numbers and arrival, as the transform got them. */
    private static void assertKinesisMetadata(List<String[]> lines, long createdMillis) {
        Map<String, Integer> perSequence = new HashMap<>();
        for (String[] l : lines) {
            assertThat(l[1]).isIn("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
            assertThat(l[2]).isEqualTo(l[0].substring(0, l[0].indexOf(':')));
            assertThat(l[3]).matches("[0-9]{20,}");
            assertThat(Long.parseLong(l[5])).isGreaterThanOrEqualTo(createdMillis - 1_000);
            perSequence.merge(l[3], 1, Integer::sum);
        }
        // The first phase went to the parent shard; the last to the children, split by hash key.
        assertThat(lines.stream().filter(l -> !l[1].equals("shardId-000000000000")).count()).isGreaterThanOrEqualTo(KEYS * (PLAIN + AGGREGATED));
        // An aggregate's user records share its sequence number and are numbered 0..4 by sub-sequence; others are alone, 0.
        long aggregates = perSequence.values().stream().filter(n -> n == AGGREGATED).count();
        assertThat(aggregates).isEqualTo(KEYS * PHASES);
        for (String[] l : lines) {
            int sharing = perSequence.get(l[3]);
            assertThat(Long.parseLong(l[4])).isBetween(0L, sharing - 1L);
        }
    }

    private static void createFromStream(FirehoseClient firehose, String name, String streamArn, String bucket, boolean transform) {
        firehose.createDeliveryStream(b -> b.deliveryStreamName(name).deliveryStreamType("KinesisStreamAsSource")
                .kinesisStreamSourceConfiguration(s -> s.kinesisStreamARN(streamArn).roleARN(ROLE))
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket)
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(1))
                        .processingConfiguration(p -> p.enabled(true).processors(transform
                                ? List.of(software.amazon.awssdk.services.firehose.model.Processor.builder().type(ProcessorType.LAMBDA)
                                        .parameters(q -> q.parameterName("LambdaArn").parameterValue(
                                                "arn:aws:lambda:us-east-1:000000000000:function:kinesis-lines"))
                                        .build())
                                : List.of(software.amazon.awssdk.services.firehose.model.Processor.builder()
                                        .type(ProcessorType.APPEND_DELIMITER_TO_RECORD).build())))));
        FirehoseStreams.awaitActive(firehose, name);
    }

    /** Waits until the bucket's objects hold {@code count} lines; returns them split at {@code |}, each with its object's name last. */
    private static List<String[]> awaitLines(String bucket, int count) throws InterruptedException {
        Streams.await(count + " records in " + bucket, () -> lines(bucket).size() >= count, Duration.ofSeconds(90));
        return lines(bucket);
    }

    private static List<String[]> lines(String bucket) {
        List<String[]> lines = new ArrayList<>();
        for (Path object : FIREHOSE.buckets().objects(bucket)) {
            try {
                for (String line : Files.readAllLines(object, StandardCharsets.UTF_8)) {
                    lines.add((line + "|" + object.getFileName()).split("\\|"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    private static String key(int k) {
        return "user-" + k;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
