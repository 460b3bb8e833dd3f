package io.sluice.ingest.shard;

import io.sluice.common.http.CallRef;

/**
 * An operation on one shard, keyed by {@code shardKey} ({@code stream/generation/index}). It carries
 * what the shard log needs to answer without the catalog: the stream's name, incarnation and tag, and
 * its current retention (so every shard follows a retention change), and whether the shard's
 * throughput limits apply ({@code limited}: a PROVISIONED stream with throttling on), and which
 * shard-level metrics enhanced monitoring publishes ({@code shardMetrics}, a mask of
 * {@code ShardLevelMetric.bit()}s).
 */
public record ShardCommand(
        CallRef ref,
        String shardKey,
        String streamName,
        long generation,
        long streamTag,
        int shardIndex,
        long retentionMillis,
        boolean limited,
        int shardMetrics,
        ShardOp op) {}
