package io.sluice.ingest.catalog;

import io.sluice.common.error.LimitExceededException;
import io.sluice.common.wire.ReplyWriter;
import io.sluice.common.wire.WireFormat;
import io.sluice.ingest.IngestSettings;
import io.sluice.ingest.api.StreamMode;

/**
 * The account's quotas as AWS enforces them: open shards of all streams together (the shard quota,
 * which closed shards do not use) and the number of ON_DEMAND streams; DescribeLimits shows both.
 */
final class AccountLimits {

    private final IngestSettings settings;

    AccountLimits(IngestSettings settings) {
        this.settings = settings;
    }

    /** What the account uses now: open shards of every stream, and how many streams are ON_DEMAND. */
    record Usage(int openShards, int onDemandStreams) {

        static Usage of(Iterable<StreamMetadata> streams) {
            int open = 0;
            int onDemand = 0;
            for (StreamMetadata s : streams) {
                open += s.openShardCount();
                onDemand += s.mode() == StreamMode.ON_DEMAND ? 1 : 0;
            }
            return new Usage(open, onDemand);
        }
    }

    /** Checks that {@code added} more open shards fit in the shard quota. */
    void checkShards(Usage usage, int added) {
        if (added > 0 && usage.openShards() + added > settings.shardLimit()) {
            throw new LimitExceededException("This request would exceed the shard limit for the account " + settings.accountId()
                    + " in " + settings.region() + ". Current shard count for the account: " + usage.openShards()
                    + ". Limit: " + settings.shardLimit() + ". Number of additional shards that would have resulted from this request: "
                    + added + ".");
        }
    }

    /** Checks that one more ON_DEMAND stream fits in the on-demand stream quota. */
    void checkOnDemandStream(Usage usage) {
        if (usage.onDemandStreams() + 1 > settings.onDemandStreamLimit()) {
            throw new LimitExceededException("This request would exceed the on-demand stream count limit for the account "
                    + settings.accountId() + " in " + settings.region() + ". Current on-demand stream count: " + usage.onDemandStreams()
                    + ". Limit: " + settings.onDemandStreamLimit() + ".");
        }
    }

    byte[] describeLimits(WireFormat format, Usage usage) {
        return ReplyWriter.write(format, g -> {
            g.writeNumberField("ShardLimit", settings.shardLimit());
            g.writeNumberField("OpenShardCount", usage.openShards());
            g.writeNumberField("OnDemandStreamCount", usage.onDemandStreams());
            g.writeNumberField("OnDemandStreamCountLimit", settings.onDemandStreamLimit());
        });
    }
}
