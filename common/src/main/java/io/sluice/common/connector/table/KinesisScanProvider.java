package io.sluice.common.connector.table;

import io.sluice.common.connector.source.KinesisSource;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.data.RowData;

/**
 * The Kinesis table's source with the table's watermark strategy inside it: the planner hands a
 * {@code SourceProvider}'s source no watermark strategy (it would generate watermarks after the source,
 * over shards already mixed), so this provider calls {@code fromSource} itself, as Flink's Kafka table
 * source does, and each shard's output generates its own watermark.
 */
final class KinesisScanProvider implements DataStreamScanProvider {

    /** The source transformation's uid suffix, when the planner generates uids. */
    static final String TRANSFORMATION = "kinesis";

    private final KinesisSource<RowData> source;
    private final WatermarkStrategy<RowData> watermarks;
    private final String name;

    KinesisScanProvider(KinesisSource<RowData> source, WatermarkStrategy<RowData> watermarks, String name) {
        this.source = source;
        this.watermarks = watermarks;
        this.name = name;
    }

    @Override
    public DataStream<RowData> produceDataStream(ProviderContext context, StreamExecutionEnvironment env) {
        DataStreamSource<RowData> stream = env.fromSource(source, watermarks, name, source.getProducedType());
        context.generateUid(TRANSFORMATION).ifPresent(stream::uid);
        return stream;
    }

    @Override
    public boolean isBounded() {
        return false;
    }
}
