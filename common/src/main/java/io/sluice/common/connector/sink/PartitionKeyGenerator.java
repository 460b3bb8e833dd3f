package io.sluice.common.connector.sink;

import java.io.Serializable;
import java.util.UUID;

/** Chooses a record's partition key (1–256 characters), hence its shard. */
@FunctionalInterface
public interface PartitionKeyGenerator<T> extends Serializable {

    String partitionKey(T element);

    /** A random key per record: records spread evenly over the shards, with no order between them. */
    static <T> PartitionKeyGenerator<T> random() {
        return element -> UUID.randomUUID().toString();
    }
}
