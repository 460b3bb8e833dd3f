package io.sluice.common.connector.source;

import java.util.List;

/** Lists a stream's shards for the enumerator (over the Kinesis API in production, a fixed list in tests). */
interface ShardLister extends AutoCloseable {

    List<ShardInfo> shards(String streamName) throws Exception;

    @Override
    default void close() {}
}
