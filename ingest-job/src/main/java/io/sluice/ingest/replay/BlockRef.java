package io.sluice.ingest.replay;

/**
 * One block of a shard to replay, and the offsets of it to emit: {@code [fromOffset, toOffset)}, within the block
 * (which starts at {@code blockStart}) and within the query's range. {@code shard} is the shard's position in the
 * {@link ReplayPlan}. It is the "namespace" of one {@link ShardLogReaderOperator} element.
 */
public record BlockRef(int shard, long blockStart, long fromOffset, long toOffset) {}
