package io.sluice.common.connector.source;

import io.sluice.common.connector.KinesisClientConfig;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/** Lists streams' shards (open and closed, all pages of ListShards) with its own client. */
final class ShardDiscovery implements ShardLister {

    private final KinesisClient kinesis;

    ShardDiscovery(KinesisClientConfig clientConfig) {
        this.kinesis = clientConfig.createClient();
    }

    @Override
    public void close() {
        kinesis.close();
    }

    @Override
    public List<ShardInfo> shards(String streamName) {
        List<ShardInfo> shards = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            ListShardsResponse page = token == null
                    ? kinesis.listShards(b -> b.streamName(streamName))
                    : kinesis.listShards(b -> b.nextToken(token));
            for (Shard s : page.shards()) {
                shards.add(new ShardInfo(s.shardId(), s.parentShardId(), s.adjacentParentShardId(),
                        s.sequenceNumberRange() != null && s.sequenceNumberRange().endingSequenceNumber() != null));
            }
            next = page.nextToken();
        } while (next != null);
        return shards;
    }
}
