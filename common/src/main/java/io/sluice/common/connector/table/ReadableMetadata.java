package io.sluice.common.connector.table;

import io.sluice.common.connector.source.RecordMetadata;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;

/** The metadata columns a Kinesis table can read ({@code ... METADATA FROM 'shard_id'}), with their types and values. */
enum ReadableMetadata {
    PARTITION_KEY("partition_key", DataTypes.STRING().notNull()),
    SHARD_ID("shard_id", DataTypes.STRING().notNull()),
    SEQUENCE_NUMBER("sequence_number", DataTypes.STRING().notNull()),
    ARRIVAL_TIME("arrival_time", DataTypes.TIMESTAMP_LTZ(3).notNull());

    final String key;
    final DataType type;

    ReadableMetadata(String key, DataType type) {
        this.key = key;
        this.type = type;
    }

    static ReadableMetadata of(String key) {
        for (ReadableMetadata m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown Kinesis metadata key " + key);
    }

    /** The column's value for a record, as Flink's internal data. */
    Object value(RecordMetadata record) {
        return switch (this) {
            case PARTITION_KEY -> StringData.fromString(record.partitionKey());
            case SHARD_ID -> StringData.fromString(record.shardId());
            case SEQUENCE_NUMBER -> StringData.fromString(record.sequenceNumber());
            case ARRIVAL_TIME -> TimestampData.fromEpochMillis(record.arrivalMillis());
        };
    }
}
