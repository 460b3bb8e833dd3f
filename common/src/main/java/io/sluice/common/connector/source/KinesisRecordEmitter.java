package io.sluice.common.connector.source;

import io.sluice.common.kpl.KplAggregation;
import io.sluice.common.kpl.UserRecord;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.util.Collector;

/**
 * Emits a fetched record's user records (KPL aggregates are de-aggregated; others are one user
 * record) through the deserialization schema, timestamped with the record's arrival time, and moves
 * the split's position past each; user records a restored split had already emitted are skipped.
 * Everything goes to the shard's own {@code SourceOutput}, so each shard has its own watermark.
 */
final class KinesisRecordEmitter<T> implements RecordEmitter<FetchedRecord, T, ShardSplitState> {

    private final KinesisDeserializationSchema<T> schema;
    /** The watermark of a caught-up shard, or null: a caught-up shard's watermark moves only with its records. */
    private final CaughtUpWatermark caughtUp;
    private final OutputCollector<T> collector = new OutputCollector<>();

    KinesisRecordEmitter(KinesisDeserializationSchema<T> schema) {
        this(schema, null);
    }

    KinesisRecordEmitter(KinesisDeserializationSchema<T> schema, CaughtUpWatermark caughtUp) {
        this.schema = schema;
        this.caughtUp = caughtUp;
    }

    @Override
    public void emitRecord(FetchedRecord record, SourceOutput<T> output, ShardSplitState state) throws Exception {
        if (record.isMarker()) {
            // Its first work is done: the shard's output is open. A caught-up shard's watermark follows the clock
            // (the output keeps the highest watermark it was given, so its generator's lower ones change nothing).
            if (record.isCaughtUp() && caughtUp != null) {
                long watermark = caughtUp.watermarkAt(record.arrivalMillis());
                if (watermark != Long.MIN_VALUE) {
                    output.emitWatermark(new Watermark(watermark));
                }
            }
            return;
        }
        collector.output = output;
        collector.timestamp = record.arrivalMillis();
        for (UserRecord user : KplAggregation.deaggregate(record.data(), record.partitionKey(), null)) {
            if (state.emitted(record.sequenceNumber(), user.subSequence())) {
                continue;
            }
            ShardSplit split = state.split();
            RecordMetadata metadata = new RecordMetadata(split.streamName(), split.shardId(), record.sequenceNumber(),
                    user.subSequence(), user.partitionKey(), record.arrivalMillis(), split.subscription());
            schema.deserialize(user.data(), metadata, collector);
            state.emit(record.sequenceNumber(), user.subSequence());
        }
    }

    /** Passes deserialized values to the split's output with the record's timestamp. */
    private static final class OutputCollector<T> implements Collector<T> {
        private SourceOutput<T> output;
        private long timestamp;

        @Override
        public void collect(T value) {
            output.collect(value, timestamp);
        }

        @Override
        public void close() {}
    }
}
