package io.sluice.delivery.source;

import io.sluice.common.connector.source.KinesisDeserializationSchema;
import io.sluice.common.connector.source.RecordMetadata;
import io.sluice.common.serialization.SerializerTypeInfo;
import io.sluice.delivery.buffer.BufferSerializers;
import io.sluice.delivery.buffer.KinesisRecordMetadata;
import io.sluice.delivery.buffer.PutCommand;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/**
 * Turns each user record the Kinesis source read (KPL aggregates are de-aggregated by the source) into a
 * {@link PutCommand} without an answer for the buffer of the delivery stream its subscription names, with its
 * {@code kinesisRecordMetadata}; its arrival time is its Kinesis arrival.
 */
final class SourceRecords implements KinesisDeserializationSchema<PutCommand> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(byte[] data, RecordMetadata m, Collector<PutCommand> out) {
        out.collect(PutCommand.fromSource(DeliverySubscriptions.deliveryStream(m.subscription()),
                DeliverySubscriptions.createdMillis(m.subscription()), data,
                new KinesisRecordMetadata(m.shardId(), m.partitionKey(), m.sequenceNumber(), m.subSequenceNumber(), m.arrivalMillis())));
    }

    @Override
    public TypeInformation<PutCommand> getProducedType() {
        return SerializerTypeInfo.of(PutCommand.class, new BufferSerializers.PutCommandSerializer());
    }
}
