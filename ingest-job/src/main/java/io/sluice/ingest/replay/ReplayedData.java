package io.sluice.ingest.replay;

import org.apache.flink.api.common.serialization.SerializationSchema;

/** A replayed record's data, as the stream: and firehose: targets put it. */
final class ReplayedData implements SerializationSchema<ReplayedRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(ReplayedRecord record) {
        return record.data();
    }
}
