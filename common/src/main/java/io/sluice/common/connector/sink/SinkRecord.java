package io.sluice.common.connector.sink;

import io.sluice.common.model.Utf8;
import java.io.Serializable;

/** One record on its way to PutRecords: data, partition key and optional explicit hash key (buffered in checkpoints). */
public record SinkRecord(byte[] data, String partitionKey, String explicitHashKey) implements Serializable {

    /** What the record counts against PutRecords' 5 MiB: data plus partition key. */
    public long sizeInBytes() {
        return (long) data.length + Utf8.length(partitionKey);
    }
}
