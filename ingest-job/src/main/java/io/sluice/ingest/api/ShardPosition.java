package io.sluice.ingest.api;

import com.fasterxml.jackson.annotation.JsonFormat;

/** Where a shard iterator points: a stream incarnation, a shard and a dense record offset. */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
public record ShardPosition(String streamName, long generation, int shardIndex, long offset, long issuedAtMillis) {}
