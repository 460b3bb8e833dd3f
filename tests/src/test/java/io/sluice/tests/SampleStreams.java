package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sluice.tests.KinesisContents.RecordContents;
import io.sluice.tests.KinesisContents.ShardContents;
import io.sluice.tests.KinesisContents.StreamContents;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/**
 * An account with something of everything the Streams catalog and shard logs keep, written through the Kinesis API:
 * <ul>
 *   <li>{@code orders}: PROVISIONED, 2 shards, tags; shard 0 split (a closed parent with records, two children);
 *   <li>{@code clicks}: PROVISIONED, 3 shards, 168 h retention, enhanced monitoring; shards 1 and 2 merged (a child with
 *       two parents);
 *   <li>{@code audit}: ON_DEMAND (4 shards), tags given at creation, records put one by one with explicit hash keys;
 *   <li>{@code metrics}: 2 shards scaled to 4 by UpdateShardCount, then switched to ON_DEMAND, 48 h retention;
 *   <li>{@code reborn}: created, written, deleted and created again (its second incarnation, with other sequence
 *       numbers, is the one to keep).
 * </ul>
 * Data and keys come from a seeded random generator, so every run writes the same records ({@link #RECORDS} of them
 * retained); sequence numbers and arrival times are the run's own.
 */
final class SampleStreams {

    /** Records the account retains after {@link #write} (reborn's first incarnation is gone). */
    static final int RECORDS = 120 + 90 + 40 + 60 + 10;

    private final KinesisClient kinesis;
    private final Random random = new Random(15);

    private SampleStreams(KinesisClient kinesis) {
        this.kinesis = kinesis;
    }

    /** Writes the account described above; returns when every stream is ACTIVE. */
    static void write(KinesisClient kinesis) throws Exception {
        SampleStreams s = new SampleStreams(kinesis);
        s.orders();
        s.clicks();
        s.audit();
        s.metrics();
        s.reborn();
    }

    private void orders() throws Exception {
        kinesis.createStream(b -> b.streamName("orders").shardCount(2));
        List<Shard> shards = Streams.awaitActive(kinesis, "orders").streamDescription().shards();
        kinesis.addTagsToStream(b -> b.streamName("orders").tags(Map.of("team", "payments", "cost-center", "42")));
        put("orders", "order-", 60);
        Shard first = shards.get(0);
        BigInteger middle = new BigInteger(first.hashKeyRange().startingHashKey())
                .add(new BigInteger(first.hashKeyRange().endingHashKey())).shiftRight(1);
        kinesis.splitShard(b -> b.streamName("orders").shardToSplit(first.shardId()).newStartingHashKey(middle.toString()));
        Streams.awaitActive(kinesis, "orders");
        put("orders", "order-", 60);
    }

    private void clicks() throws Exception {
        kinesis.createStream(b -> b.streamName("clicks").shardCount(3));
        Streams.awaitActive(kinesis, "clicks");
        kinesis.increaseStreamRetentionPeriod(b -> b.streamName("clicks").retentionPeriodHours(168));
        kinesis.enableEnhancedMonitoring(b -> b.streamName("clicks").shardLevelMetrics(MetricsName.INCOMING_BYTES,
                MetricsName.OUTGOING_RECORDS));
        put("clicks", "user-", 45);
        kinesis.mergeShards(b -> b.streamName("clicks").shardToMerge("shardId-000000000001")
                .adjacentShardToMerge("shardId-000000000002"));
        Streams.awaitActive(kinesis, "clicks");
        put("clicks", "user-", 45);
    }

    private void audit() throws Exception {
        kinesis.createStream(b -> b.streamName("audit").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND))
                .tags(Map.of("env", "test", "owner", "security")));
        Streams.awaitActive(kinesis, "audit");
        for (int i = 0; i < 40; i++) {
            String hashKey = new BigInteger(128, random).toString();
            int n = i;
            kinesis.putRecord(b -> b.streamName("audit").partitionKey("event-" + n).explicitHashKey(hashKey).data(data()));
        }
    }

    private void metrics() throws Exception {
        kinesis.createStream(b -> b.streamName("metrics").shardCount(2));
        Streams.awaitActive(kinesis, "metrics");
        put("metrics", "host-", 30);
        kinesis.updateShardCount(b -> b.streamName("metrics").targetShardCount(4).scalingType("UNIFORM_SCALING"));
        String arn = Streams.awaitActive(kinesis, "metrics").streamDescription().streamARN();
        kinesis.updateStreamMode(b -> b.streamARN(arn).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        Streams.awaitActive(kinesis, "metrics");
        kinesis.increaseStreamRetentionPeriod(b -> b.streamName("metrics").retentionPeriodHours(48));
        put("metrics", "host-", 30);
    }

    private void reborn() throws Exception {
        kinesis.createStream(b -> b.streamName("reborn").shardCount(1));
        Streams.awaitActive(kinesis, "reborn");
        put("reborn", "first-", 5);
        kinesis.deleteStream(b -> b.streamName("reborn"));
        Streams.await("reborn deleted", this::rebornGone, Duration.ofSeconds(30));
        kinesis.createStream(b -> b.streamName("reborn").shardCount(1));
        Streams.awaitActive(kinesis, "reborn");
        put("reborn", "second-", 10);
    }

    private boolean rebornGone() {
        try {
            kinesis.describeStreamSummary(b -> b.streamName("reborn"));
            return false;
        } catch (ResourceNotFoundException gone) {
            return true;
        }
    }

    /** Puts {@code count} records in batches of 15, keys {@code keyPrefix} + one of 13 numbers; fails on any failed entry. */
    private void put(String stream, String keyPrefix, int count) {
        for (int done = 0; done < count; ) {
            List<PutRecordsRequestEntry> batch = new ArrayList<>();
            for (; batch.size() < 15 && done < count; done++) {
                batch.add(PutRecordsRequestEntry.builder().partitionKey(keyPrefix + random.nextInt(13)).data(data()).build());
            }
            PutRecordsResponse r = kinesis.putRecords(b -> b.streamName(stream).records(batch));
            if (r.failedRecordCount() != 0) {
                throw new AssertionError("PutRecords on " + stream + " failed: " + r);
            }
        }
    }

    /** 1 to 300 random bytes. */
    private SdkBytes data() {
        byte[] bytes = new byte[1 + random.nextInt(300)];
        random.nextBytes(bytes);
        return SdkBytes.fromByteArray(bytes);
    }

    /**
     * The account as {@link #write} left it, so that comparing two captures of it compares something:
     * every record, the lineage of a split, a merge and a scaling, tags, retention, modes and monitoring.
     */
    static void assertWritten(KinesisContents c) {
        assertThat(c.streams()).extracting(StreamContents::name).containsExactly("audit", "clicks", "metrics", "orders", "reborn");
        assertThat(c.recordCount()).isEqualTo(SampleStreams.RECORDS);
        assertThat(c.streams()).extracting(StreamContents::status).containsOnly("ACTIVE");
        assertThat(c.limits().openShardCount()).isEqualTo(4 + 2 + 4 + 3 + 1);
        StreamContents orders = c.stream("orders");
        assertThat(orders.tags()).isEqualTo(Map.of("cost-center", "42", "team", "payments"));
        assertThat(orders.shards()).extracting(ShardContents::shardId, ShardContents::parentShardId, ShardContents::isOpen).containsExactly(
                tuple("shardId-000000000000", null, false),
                tuple("shardId-000000000001", null, true),
                tuple("shardId-000000000002", "shardId-000000000000", true),
                tuple("shardId-000000000003", "shardId-000000000000", true));
        assertThat(orders.shard("shardId-000000000000").records()).as("the split parent keeps its records").isNotEmpty();
        StreamContents clicks = c.stream("clicks");
        assertThat(clicks.retentionHours()).isEqualTo(168);
        assertThat(clicks.shardLevelMetrics()).containsExactly("IncomingBytes", "OutgoingRecords");
        ShardContents merged = clicks.shard("shardId-000000000003");
        assertThat(merged.parentShardId()).isEqualTo("shardId-000000000001");
        assertThat(merged.adjacentParentShardId()).isEqualTo("shardId-000000000002");
        assertThat(c.stream("audit").mode()).isEqualTo("ON_DEMAND");
        assertThat(c.stream("audit").tags()).isEqualTo(Map.of("env", "test", "owner", "security"));
        assertThat(c.stream("audit").recordCount()).isEqualTo(40);
        StreamContents metrics = c.stream("metrics");
        assertThat(metrics.mode()).isEqualTo("ON_DEMAND");
        assertThat(metrics.retentionHours()).isEqualTo(48);
        assertThat(metrics.openShardCount()).isEqualTo(4);
        assertThat(c.stream("reborn").recordCount()).isEqualTo(10);
        assertThat(c.stream("reborn").shards().get(0).records()).extracting(RecordContents::partitionKey).allMatch(k -> k.startsWith("second-"));
    }
}
