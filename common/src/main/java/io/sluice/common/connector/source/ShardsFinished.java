package io.sluice.common.connector.source;

import java.util.List;
import org.apache.flink.api.connector.source.SourceEvent;

/** A reader's message to the enumerator: these closed shards were read to their end (their children may start). */
public record ShardsFinished(List<String> shardIds) implements SourceEvent {}
