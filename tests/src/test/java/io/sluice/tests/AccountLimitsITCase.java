package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.ingest.IngestOptions;
import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.math.BigInteger;
import java.time.Duration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/**
 * The account-wide quotas through the SDK, with a shard quota of 10 and one ON_DEMAND stream: every
 * call that would open shards counts the open shards of all streams (on both catalog subtasks), and
 * DescribeLimits reports the use.
 */
class AccountLimitsITCase {

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(2);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension SLUICE = SluiceExtension.with(conf -> {
        conf.set(IngestOptions.SHARD_LIMIT, 10);
        conf.set(IngestOptions.ON_DEMAND_STREAM_LIMIT, 1);
        conf.set(IngestOptions.UPDATE_DELAY, Duration.ZERO);
    });

    @Test
    void quotasCountEveryStreamOfTheAccount() throws Exception {
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            assertLimits(kinesis, 0, 0);
            kinesis.createStream(b -> b.streamName("alpha").shardCount(4));
            kinesis.createStream(b -> b.streamName("beta").shardCount(4));
            assertLimits(kinesis, 8, 0);
            assertThatThrownBy(() -> kinesis.createStream(b -> b.streamName("gamma").shardCount(3)))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessageContaining("Current shard count for the account: 8. Limit: 10. "
                            + "Number of additional shards that would have resulted from this request: 3.");
            kinesis.createStream(b -> b.streamName("gamma").shardCount(2));
            assertLimits(kinesis, 10, 0);

            // A split opens one more shard: over the quota. A merge closes two and opens one.
            assertThatThrownBy(() -> kinesis.splitShard(b -> b.streamName("alpha").shardToSplit("shardId-000000000000")
                            .newStartingHashKey(BigInteger.TEN.toString())))
                    .isInstanceOf(LimitExceededException.class);
            kinesis.mergeShards(b -> b.streamName("beta").shardToMerge("shardId-000000000000").adjacentShardToMerge("shardId-000000000001"));
            assertLimits(kinesis, 9, 0);
            kinesis.splitShard(b -> b.streamName("alpha").shardToSplit("shardId-000000000000").newStartingHashKey(BigInteger.TEN.toString()));
            assertLimits(kinesis, 10, 0);
            assertThatThrownBy(() -> kinesis.updateShardCount(b -> b.streamName("gamma").targetShardCount(3).scalingType("UNIFORM_SCALING")))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessageContaining("Number of additional shards that would have resulted from this request: 1.");
            kinesis.updateShardCount(b -> b.streamName("gamma").targetShardCount(1).scalingType("UNIFORM_SCALING"));
            assertLimits(kinesis, 9, 0);

            // Deleting a stream gives its shards back.
            kinesis.deleteStream(b -> b.streamName("alpha"));
            assertLimits(kinesis, 4, 0);

            kinesis.createStream(b -> b.streamName("on-demand").streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND)));
            assertLimits(kinesis, 8, 1);
            assertThatThrownBy(() -> kinesis.createStream(b -> b.streamName("on-demand-2").shardCount(1)
                            .streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND))))
                    .isInstanceOf(LimitExceededException.class)
                    .hasMessageContaining("on-demand stream count limit");
            String betaArn = kinesis.describeStreamSummary(b -> b.streamName("beta")).streamDescriptionSummary().streamARN();
            assertThatThrownBy(() -> kinesis.updateStreamMode(b -> b.streamARN(betaArn).streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND))))
                    .isInstanceOf(LimitExceededException.class);
            assertThat(kinesis.listStreams().streamNames()).containsExactly("beta", "gamma", "on-demand");
        }
    }

    private static void assertLimits(KinesisClient kinesis, int openShards, int onDemandStreams) {
        DescribeLimitsResponse limits = kinesis.describeLimits(b -> {});
        assertThat(limits.shardLimit()).isEqualTo(10);
        assertThat(limits.openShardCount()).isEqualTo(openShards);
        assertThat(limits.onDemandStreamCount()).isEqualTo(onDemandStreams);
        assertThat(limits.onDemandStreamCountLimit()).isEqualTo(1);
    }
}
