package io.sluice.ingest.catalog;

import io.sluice.common.error.ResourceNotFoundException;
import io.sluice.common.model.ShardId;
import io.sluice.common.wire.WireFormat;
import io.sluice.ingest.IngestSettings;
import io.sluice.ingest.api.DescribeStreamRequest;
import io.sluice.ingest.api.ListShardsRequest;
import io.sluice.ingest.api.ShardFilter;
import io.sluice.ingest.api.Tokens;
import io.sluice.ingest.reply.StreamDescriptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The shard listings of one stream's catalog entry: DescribeStream's pages and ListShards' filtered
 * pages (ShardFilter types over open and closed shards, AWS's exclusive-start order, NextTokens).
 */
final class ShardListing {

    private final IngestSettings settings;
    private final Tokens tokens;

    ShardListing(IngestSettings settings, Tokens tokens) {
        this.settings = settings;
        this.tokens = tokens;
    }

    /** DescribeStream's page of shards after ExclusiveStartShardId, with HasMoreShards. */
    byte[] describe(WireFormat format, StreamMetadata s, DescribeStreamRequest r) {
        String after = r.exclusiveStartShardId();
        List<ShardMetadata> page = new ArrayList<>();
        boolean more = false;
        for (ShardMetadata shard : sorted(s.shards())) {
            if (!isAfter(shard, after)) {
                continue;
            }
            if (page.size() == r.limit()) {
                more = true;
                break;
            }
            page.add(shard);
        }
        return StreamDescriptions.describeStream(format, settings, s, page, more);
    }

    /** ListShards: a filtered page of shards, with a NextToken when there are more. */
    byte[] listShards(WireFormat format, StreamMetadata s, ListShardsRequest r) {
        if (r.streamCreationTimestampMillis() != null && r.streamCreationTimestampMillis() / 1000 != s.createdAtMillis() / 1000) {
            throw new ResourceNotFoundException(settings.notFound(r.streamName()) + " (no such creation timestamp)");
        }
        String after = r.exclusiveStartShardId();
        long now = System.currentTimeMillis();
        List<ShardMetadata> page = new ArrayList<>();
        boolean more = false;
        for (ShardMetadata shard : sorted(s.shards())) {
            if (!isAfter(shard, after) || !matches(r.filter(), shard, s, now)) {
                continue;
            }
            if (page.size() == r.maxResults()) {
                more = true;
                break;
            }
            page.add(shard);
        }
        String nextToken = more
                ? tokens.listShards(new Tokens.ListShardsPage(s.name(), page.get(page.size() - 1).shardId(), r.filter(), now))
                : null;
        return StreamDescriptions.listShards(format, s, page, nextToken);
    }

    private boolean matches(ShardFilter filter, ShardMetadata shard, StreamMetadata s, long now) {
        if (filter == null) {
            return true;
        }
        long trimHorizon = Math.max(s.createdAtMillis(), now - settings.retentionMillis(s.retentionHours()));
        return switch (filter.type()) {
            case AFTER_SHARD_ID -> isAfter(shard, filter.shardId());
            case AT_LATEST -> shard.isOpen();
            case AT_TRIM_HORIZON -> openAt(shard, trimHorizon);
            case FROM_TRIM_HORIZON -> shard.isOpen() || shard.closedAtMillis() > trimHorizon;
            case AT_TIMESTAMP -> openAt(shard, Math.max(filter.timestampMillis(), s.createdAtMillis()));
            case FROM_TIMESTAMP -> shard.isOpen() || shard.closedAtMillis() > filter.timestampMillis();
        };
    }

    /**
     * Whether a shard comes after an exclusive start id. Shard ids are compared as ids (zero-padded, so
     * as text); a start that is no shard id is still a position in that order, as in AWS.
     */
    private static boolean isAfter(ShardMetadata shard, String exclusiveStartShardId) {
        if (exclusiveStartShardId == null) {
            return true;
        }
        int index = ShardId.parse(exclusiveStartShardId);
        String start = index >= 0 ? ShardId.format(index) : exclusiveStartShardId;
        return shard.shardId().compareTo(start) > 0;
    }

    private static boolean openAt(ShardMetadata shard, long time) {
        return shard.openedAtMillis() <= time && (shard.isOpen() || shard.closedAtMillis() > time);
    }

    private static List<ShardMetadata> sorted(List<ShardMetadata> shards) {
        List<ShardMetadata> copy = new ArrayList<>(shards);
        copy.sort(Comparator.comparingInt(ShardMetadata::index));
        return copy;
    }
}
