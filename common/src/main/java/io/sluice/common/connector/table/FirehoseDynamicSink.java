package io.sluice.common.connector.table;

import io.sluice.common.connector.KinesisClientConfig;
import io.sluice.common.connector.sink.FirehoseSink;
import io.sluice.common.connector.sink.SinkTuning;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

/** A Firehose delivery stream written as a table: the format encodes each row, the delimiter ends it, {@link FirehoseSink} sends it. */
final class FirehoseDynamicSink implements DynamicTableSink {

    private final DataType physicalType;
    private final EncodingFormat<SerializationSchema<RowData>> format;
    private final String deliveryStream;
    private final KinesisClientConfig clientConfig;
    private final String delimiter;
    private final SinkTuning tuning;

    FirehoseDynamicSink(DataType physicalType, EncodingFormat<SerializationSchema<RowData>> format, String deliveryStream,
            KinesisClientConfig clientConfig, String delimiter, SinkTuning tuning) {
        this.physicalType = physicalType;
        this.format = format;
        this.deliveryStream = deliveryStream;
        this.clientConfig = clientConfig;
        this.delimiter = delimiter;
        this.tuning = tuning;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requested) {
        return format.getChangelogMode();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        return SinkV2Provider.of(FirehoseSink.<RowData>builder()
                .deliveryStream(deliveryStream)
                .client(clientConfig)
                .serializationSchema(format.createRuntimeEncoder(context, physicalType))
                .recordDelimiter(delimiter)
                .tuning(tuning)
                .build());
    }

    @Override
    public DynamicTableSink copy() {
        return new FirehoseDynamicSink(physicalType, format, deliveryStream, clientConfig, delimiter, tuning);
    }

    @Override
    public String asSummaryString() {
        return "Firehose(" + deliveryStream + ")";
    }
}
