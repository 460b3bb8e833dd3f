package io.sluice.common.connector.table;

import io.sluice.common.connector.source.KinesisSource;
import io.sluice.common.connector.source.StartingPosition;
import java.io.Serializable;
import java.time.Duration;

/**
 * How a {@code kinesis} table reads its shards: where it starts, how often it lists shards, and the byte budget a shard
 * keeps on its own (0: none, the server throttles when it must).
 */
record ShardScan(StartingPosition start, Duration discoveryInterval, long readBytesPerSecond) implements Serializable {

    /** Applies these settings to a source under construction. */
    <T> KinesisSource.Builder<T> applyTo(KinesisSource.Builder<T> source) {
        return source.startingPosition(start).shardDiscoveryInterval(discoveryInterval).readBytesPerSecond(readBytesPerSecond);
    }
}
