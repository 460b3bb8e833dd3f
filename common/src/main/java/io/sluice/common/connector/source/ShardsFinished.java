package io.sluice.common.connector.source;

import java.util.List;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * A reader's message to the enumerator: the splits with these ids ({@link ShardSplit#splitId()}) were read to their
 * end (their shards' children may start), or ended because their subscription did.
 */
public record ShardsFinished(List<String> splitIds) implements SourceEvent {}
