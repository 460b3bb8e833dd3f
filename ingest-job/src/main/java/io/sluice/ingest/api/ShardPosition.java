package io.sluice.ingest.api;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * Where a shard iterator points: a stream incarnation, a shard, the shard epoch it was issued in and
 * a dense record offset.
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
public record ShardPosition(String streamName, long generation, int shardIndex, int epoch, long offset, long issuedAtMillis) {}
