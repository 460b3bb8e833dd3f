package io.sluice.common.connector.sink;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/** One record on its way to PutRecords: data, partition key and optional explicit hash key (buffered in checkpoints). */
public record SinkRecord(byte[] data, String partitionKey, String explicitHashKey) implements Serializable {

    /** What the record counts against PutRecords' 5 MiB: data plus partition key. */
    public long sizeInBytes() {
        return data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }
}
