package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.ingest.IngestOptions;
import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * A stream right after a reshard: UPDATING, refusing another reshard, and taking writes in its new
 * shards. The update delay here is longer than the test, so the stream never turns ACTIVE while it
 * runs and no assertion depends on how quickly the calls follow each other (with the 500 ms of the
 * other tests, they would). {@link ReshardingITCase} covers what follows, once the stream is ACTIVE.
 */
class ReshardingWhileUpdatingITCase {

    private static final BigInteger HALF = BigInteger.ONE.shiftLeft(127);
    private static final BigInteger QUARTER = BigInteger.ONE.shiftLeft(126);

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(2);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension SLUICE = SluiceExtension.with(conf -> conf.set(IngestOptions.UPDATE_DELAY, Duration.ofHours(1)));

    @Test
    void aReshardedStreamIsUpdatingRefusesAnotherReshardAndTakesWritesInItsChildren() throws Exception {
        String stream = "updating";
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName(stream).shardCount(2));
            Streams.awaitActive(kinesis, stream);
            String low = Streams.keyIn(BigInteger.ZERO, QUARTER.subtract(BigInteger.ONE));
            String high = Streams.keyIn(QUARTER, HALF.subtract(BigInteger.ONE));
            put(kinesis, stream, low, "before-low");

            kinesis.splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000000").newStartingHashKey(QUARTER.toString()));
            assertThat(kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamStatus())
                    .isEqualTo(StreamStatus.UPDATING);
            assertThatThrownBy(() -> kinesis.mergeShards(b -> b.streamName(stream)
                            .shardToMerge("shardId-000000000001").adjacentShardToMerge("shardId-000000000000")))
                    .isInstanceOf(ResourceInUseException.class)
                    .hasMessageContaining("not ACTIVE, instead in state UPDATING");
            assertThatThrownBy(() -> kinesis.splitShard(b -> b.streamName(stream)
                            .shardToSplit("shardId-000000000001").newStartingHashKey(HALF.add(QUARTER).toString())))
                    .isInstanceOf(ResourceInUseException.class)
                    .hasMessageContaining("Stream " + stream + " under account 000000000000 not ACTIVE, instead in state UPDATING");
            assertThatThrownBy(() -> kinesis.updateShardCount(b -> b.streamName(stream).targetShardCount(4).scalingType("UNIFORM_SCALING")))
                    .isInstanceOf(ResourceInUseException.class)
                    .hasMessageContaining("not ACTIVE, instead in state UPDATING");

            // Writes go on while UPDATING, to the children.
            put(kinesis, stream, low, "after-low");
            put(kinesis, stream, high, "after-high");
            List<Shard> shards = kinesis.listShards(b -> b.streamName(stream)).shards();
            assertThat(shards).extracting(Shard::shardId)
                    .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002", "shardId-000000000003");
            assertThat(shards.get(0).sequenceNumberRange().endingSequenceNumber()).isNotNull();
            assertThat(texts(Streams.readAll(kinesis, stream, "shardId-000000000000", 100))).containsExactly("before-low");
            assertThat(texts(Streams.readAll(kinesis, stream, "shardId-000000000002", 100))).containsExactly("after-low");
            assertThat(texts(Streams.readAll(kinesis, stream, "shardId-000000000003", 100))).containsExactly("after-high");
            // Still UPDATING: everything above happened before the stream turned ACTIVE.
            assertThat(kinesis.describeStream(b -> b.streamName(stream)).streamDescription().streamStatus())
                    .isEqualTo(StreamStatus.UPDATING);
        }
    }

    private static void put(KinesisClient kinesis, String stream, String key, String text) {
        kinesis.putRecord(b -> b.streamName(stream).partitionKey(key).data(SdkBytes.fromUtf8String(text)));
    }

    private static List<String> texts(List<Record> records) {
        return records.stream().map(r -> r.data().asUtf8String()).toList();
    }
}
