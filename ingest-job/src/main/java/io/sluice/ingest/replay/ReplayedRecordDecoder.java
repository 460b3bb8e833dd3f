package io.sluice.ingest.replay;

import io.sluice.common.connector.source.KinesisDeserializationSchema;
import io.sluice.common.connector.source.RecordMetadata;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.serialization.RuntimeContextInitializationContextAdapters;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

/**
 * Replayed records through a connector's {@link KinesisDeserializationSchema}, as the live source would decode them:
 * the data, with the record's stream, shard, sequence and sub-sequence number, partition key and arrival time as its
 * {@link RecordMetadata}.
 */
final class ReplayedRecordDecoder<T> extends RichFlatMapFunction<ReplayedRecord, T> implements ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final KinesisDeserializationSchema<T> deserializer;

    ReplayedRecordDecoder(KinesisDeserializationSchema<T> deserializer) {
        this.deserializer = deserializer;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        deserializer.open(RuntimeContextInitializationContextAdapters.deserializationAdapter(getRuntimeContext()));
    }

    @Override
    public void flatMap(ReplayedRecord record, Collector<T> out) throws Exception {
        deserializer.deserialize(record.data(), metadata(record), out);
    }

    static RecordMetadata metadata(ReplayedRecord record) {
        return new RecordMetadata(record.stream(), record.shardId(), record.sequenceNumber(), record.subSequenceNumber(),
                record.partitionKey(), record.arrivalTime());
    }

    @Override
    public void close() throws Exception {
        try {
            deserializer.flush();
        } finally {
            deserializer.close();
        }
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return deserializer.getProducedType();
    }
}
