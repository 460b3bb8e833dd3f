package io.sluice.ingest.api;

/**
 * A request that changes what the account's catalog holds: streams, their settings and shard maps.
 * These are decided in one place for the whole account (the StreamRegistry), which is what makes
 * account-wide quotas possible; data calls and reads of a stream never wait on it.
 */
public sealed interface ControlRequest extends StreamRequest
        permits CreateStreamRequest,
                DeleteStreamRequest,
                TagStreamRequest,
                UntagStreamRequest,
                RetentionRequest,
                UpdateStreamModeRequest,
                SplitShardRequest,
                MergeShardsRequest,
                UpdateShardCountRequest,
                EnhancedMonitoringRequest {}
