package io.sluice.common.connector.source;

import org.apache.flink.api.connector.source.SourceEvent;

/**
 * The enumerator's message to a reader that no shard of any stream read belongs to (more readers than shards, or its
 * shards were read to their end and their children belong to other readers). Sent once the shards are listed, never
 * before: a reader without splits then marks its output idle, so that it does not hold back event time downstream;
 * its first split's watermark makes it active again.
 */
public record NoShards() implements SourceEvent {}
