package io.sluice.common.connector.table;

import io.sluice.common.connector.KinesisClientConfig;
import io.sluice.common.connector.sink.KinesisSink;
import io.sluice.common.connector.sink.PartitionKeyGenerator;
import io.sluice.common.connector.sink.SinkTuning;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.connector.sink.abilities.SupportsPartitioning;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/** A Kinesis stream written as a table: the format encodes rows; PARTITIONED BY columns make the partition key (else random). */
final class KinesisDynamicSink implements DynamicTableSink, SupportsPartitioning {

    private final DataType physicalType;
    private final EncodingFormat<SerializationSchema<RowData>> format;
    private final String streamName;
    private final KinesisClientConfig clientConfig;
    private final List<String> partitionKeys;
    private final SinkTuning tuning;

    KinesisDynamicSink(DataType physicalType, EncodingFormat<SerializationSchema<RowData>> format, String streamName,
            KinesisClientConfig clientConfig, List<String> partitionKeys, SinkTuning tuning) {
        this.physicalType = physicalType;
        this.format = format;
        this.streamName = streamName;
        this.clientConfig = clientConfig;
        this.partitionKeys = List.copyOf(partitionKeys);
        this.tuning = tuning;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requested) {
        return format.getChangelogMode();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        KinesisSink<RowData> sink = KinesisSink.<RowData>builder()
                .stream(streamName)
                .client(clientConfig)
                .serializationSchema(format.createRuntimeEncoder(context, physicalType))
                .partitionKey(partitionKeyGenerator())
                .tuning(tuning)
                .build();
        return SinkV2Provider.of(sink);
    }

    private PartitionKeyGenerator<RowData> partitionKeyGenerator() {
        if (partitionKeys.isEmpty()) {
            return PartitionKeyGenerator.random();
        }
        RowType row = (RowType) physicalType.getLogicalType();
        List<RowData.FieldGetter> getters = new ArrayList<>();
        for (String column : partitionKeys) {
            int index = row.getFieldIndex(column);
            getters.add(RowData.createFieldGetter(row.getTypeAt(index), index));
        }
        return new RowDataPartitionKeys(getters);
    }

    @Override
    public void applyStaticPartition(Map<String, String> partition) {
        // The partition key comes from each row's PARTITIONED BY columns; static values are in the rows too.
    }

    @Override
    public DynamicTableSink copy() {
        return new KinesisDynamicSink(physicalType, format, streamName, clientConfig, partitionKeys, tuning);
    }

    @Override
    public String asSummaryString() {
        return "Kinesis(" + streamName + ")";
    }
}
