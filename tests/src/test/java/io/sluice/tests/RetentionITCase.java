package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.ingest.IngestOptions;
import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Increase/DecreaseStreamRetentionPeriod through the SDK, with a retention hour of 100 ms (so the
 * minimum of 24 h lasts 2.4 s): the API's rules, and records really leaving when the retention ends.
 */
class RetentionITCase {

    private static final long HOUR_MILLIS = 100;

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(2);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension SLUICE = SluiceExtension.with(conf -> {
        conf.set(IngestOptions.RETENTION_HOUR, Duration.ofMillis(HOUR_MILLIS));
    });

    @Test
    void retentionChangesFollowAwsRules() throws Exception {
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName("rules").shardCount(1));
            Streams.awaitActive(kinesis, "rules");
            assertThatThrownBy(() -> kinesis.increaseStreamRetentionPeriod(b -> b.streamName("rules").retentionPeriodHours(23)))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.");
            assertThatThrownBy(() -> kinesis.increaseStreamRetentionPeriod(b -> b.streamName("rules").retentionPeriodHours(8761)))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long.");
            assertThatThrownBy(() -> kinesis.decreaseStreamRetentionPeriod(b -> b.streamName("rules").retentionPeriodHours(48)))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("can not be longer than existing retention period (24 hours). Use IncreaseRetentionPeriod API.");
            assertThatThrownBy(() -> kinesis.increaseStreamRetentionPeriod(b -> b.streamName("rules")))
                    .isInstanceOfSatisfying(KinesisException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
            assertThatThrownBy(() -> kinesis.increaseStreamRetentionPeriod(b -> b.streamName("nothing").retentionPeriodHours(48)))
                    .isInstanceOf(ResourceNotFoundException.class);

            kinesis.increaseStreamRetentionPeriod(b -> b.streamName("rules").retentionPeriodHours(8760));
            assertThat(retention(kinesis, "rules")).isEqualTo(8760);
            assertThatThrownBy(() -> kinesis.increaseStreamRetentionPeriod(b -> b.streamName("rules").retentionPeriodHours(100)))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("can not be shorter than existing retention period (8760 hours). Use DecreaseRetentionPeriod API.");
            kinesis.decreaseStreamRetentionPeriod(b -> b.streamARN("arn:aws:kinesis:us-east-1:000000000000:stream/rules").retentionPeriodHours(30));
            kinesis.decreaseStreamRetentionPeriod(b -> b.streamName("rules").retentionPeriodHours(30)); // the same value is fine
            assertThat(retention(kinesis, "rules")).isEqualTo(30);
            assertThat(kinesis.describeStream(b -> b.streamName("rules")).streamDescription().retentionPeriodHours()).isEqualTo(30);
        }
    }

    @Test
    void recordsLeaveWhenTheRetentionEndsAndStayWhileItLasts() throws Exception {
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName("trimmed").shardCount(1));
            Streams.awaitActive(kinesis, "trimmed");
            kinesis.increaseStreamRetentionPeriod(b -> b.streamName("trimmed").retentionPeriodHours(240)); // 24 s here
            long putAt = System.currentTimeMillis();
            for (String value : List.of("a0", "a1", "a2")) {
                kinesis.putRecord(b -> b.streamName("trimmed").partitionKey("k").data(SdkBytes.fromUtf8String(value)));
            }
            // Past the 24 h (2.4 s) of the default retention, the longer one keeps every record. Checked
            // until one check has started 26 h after the last put, so however long the puts took, at least
            // one check runs and the last one is past the default retention.
            long pastDefaultRetention = System.currentTimeMillis() + 26 * HOUR_MILLIS;
            int checks = 0;
            long lastCheckAt;
            do {
                lastCheckAt = System.currentTimeMillis();
                assertThat(values(Streams.readAll(kinesis, "trimmed", "shardId-000000000000", 100))).containsExactly("a0", "a1", "a2");
                checks++;
            } while (lastCheckAt < pastDefaultRetention);
            assertThat(checks).as("checks while the retention lasts").isPositive();

            kinesis.decreaseStreamRetentionPeriod(b -> b.streamName("trimmed").retentionPeriodHours(24));
            long deadline = System.currentTimeMillis() + 10_000;
            List<Record> left = Streams.readAll(kinesis, "trimmed", "shardId-000000000000", 100);
            while (!left.isEmpty() && System.currentTimeMillis() < deadline) {
                left = Streams.readAll(kinesis, "trimmed", "shardId-000000000000", 100);
            }
            assertThat(left).isEmpty();

            kinesis.putRecord(b -> b.streamName("trimmed").partitionKey("k").data(SdkBytes.fromUtf8String("b0")));
            assertThat(values(Streams.readAll(kinesis, "trimmed", "shardId-000000000000", 100))).containsExactly("b0");
            // A timestamp from before the trim starts at the trim horizon.
            assertThat(values(Streams.read(kinesis, "trimmed", "shardId-000000000000",
                    b -> b.shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(Instant.ofEpochMilli(putAt - 1000)))))
                    .containsExactly("b0");
        }
    }

    private static int retention(KinesisClient kinesis, String stream) {
        return kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().retentionPeriodHours();
    }

    private static List<String> values(List<Record> records) {
        return records.stream().map(r -> r.data().asString(StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aClosedShardLeavesTheStreamWhenItsRecordsExpire() throws Exception {
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName("closing").shardCount(1));
            Streams.awaitActive(kinesis, "closing");
            kinesis.putRecord(b -> b.streamName("closing").partitionKey("k").data(SdkBytes.fromUtf8String("old")));
            kinesis.splitShard(b -> b.streamName("closing").shardToSplit("shardId-000000000000")
                    .newStartingHashKey(BigInteger.ONE.shiftLeft(127).toString()));
            Streams.awaitActive(kinesis, "closing");
            assertThat(kinesis.listShards(b -> b.streamName("closing")).shards()).hasSize(3);
            // 24 "hours" of 100 ms after the split, shard 0 and its log are gone.
            Streams.await("shardId-000000000000 to leave the stream",
                    () -> kinesis.listShards(b -> b.streamName("closing")).shards().size() == 2, Duration.ofSeconds(30));
            assertThat(kinesis.listShards(b -> b.streamName("closing")).shards())
                    .extracting(s -> s.shardId()).containsExactly("shardId-000000000001", "shardId-000000000002");
            assertThatThrownBy(() -> kinesis.getShardIterator(b -> b.streamName("closing").shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON))).isInstanceOf(ResourceNotFoundException.class);
        }
    }
}
