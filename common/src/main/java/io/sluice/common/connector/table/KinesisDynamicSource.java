package io.sluice.common.connector.table;

import io.sluice.common.connector.KinesisClientConfig;
import io.sluice.common.connector.errors.ErrorOutputSpec;
import io.sluice.common.connector.source.KinesisSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.connector.source.abilities.SupportsWatermarkPushDown;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

/**
 * A Kinesis stream read as a table: the format decodes records, metadata columns add the record's
 * Kinesis fields, and the table's {@code WATERMARK} (on a data column or on {@code arrival_time}) is
 * generated per shard inside the source, with the idleness of {@code scan.watermark.idle-timeout} or
 * {@code table.exec.source.idle-timeout}. A watermark on {@code arrival_time} also follows the clock on a caught-up
 * shard ({@link ArrivalTimeWatermark}), so arrival-time windows close when no further record arrives.
 *
 * <p>With {@code scan.savepoint.path} the table is bounded and reads the stream's records out of an ingest-job
 * savepoint ({@link SavepointScanProvider}) instead; the format and the metadata columns are as for the live stream.
 * Replay emits shard after shard, so a watermark generated per record would find the later shards' rows late: the
 * table's {@code WATERMARK} is not generated then, no watermark flows until the end of input, and the end's maximum
 * watermark closes every window. Every row is thus in time, and windows get the rows the live run's got when none of
 * its rows was late: tumbling, hopping and {@code STAGGER} windows give the live run's results (a stagger window may
 * close at its key's next row instead of at the watermark, with the same contents). Window state holds all of the
 * replay's open windows until the end.
 */
final class KinesisDynamicSource implements ScanTableSource, SupportsReadingMetadata, SupportsWatermarkPushDown {

    private final DataType physicalType;
    private final DecodingFormat<DeserializationSchema<RowData>> format;
    private final String streamName;
    private final KinesisClientConfig clientConfig;
    private final ShardScan scan;
    /** Where records the format cannot decode go; null: the format's error fails the source. */
    private final ErrorOutputSpec errorOutput;
    /** Whether the table's rowtime is the {@code arrival_time} metadata column. */
    private final boolean rowtimeIsArrivalTime;
    /** The savepoint to read instead of the live stream; null: the live stream. */
    private final SavepointRead savepoint;
    private List<String> metadataKeys = List.of();
    private DataType producedType;
    /** The table's watermark strategy, pushed down by the planner (none without a WATERMARK clause). */
    private WatermarkStrategy<RowData> watermarks = WatermarkStrategy.noWatermarks();

    KinesisDynamicSource(DataType physicalType, DecodingFormat<DeserializationSchema<RowData>> format, String streamName,
            KinesisClientConfig clientConfig, ShardScan scan, ErrorOutputSpec errorOutput,
            boolean rowtimeIsArrivalTime, SavepointRead savepoint) {
        this.rowtimeIsArrivalTime = rowtimeIsArrivalTime;
        this.savepoint = savepoint;
        this.physicalType = physicalType;
        this.format = format;
        this.streamName = streamName;
        this.clientConfig = clientConfig;
        this.scan = scan;
        this.errorOutput = errorOutput;
        this.producedType = physicalType;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return format.getChangelogMode();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        DeserializationSchema<RowData> decoder = format.createRuntimeDecoder(context, physicalType);
        List<ReadableMetadata> metadata = new ArrayList<>();
        metadataKeys.forEach(key -> metadata.add(ReadableMetadata.of(key)));
        RowDataDeserializer deserializer = new RowDataDeserializer(decoder, metadata, context.createTypeInformation(producedType), errorOutput);
        if (savepoint != null) {
            return new SavepointScanProvider(savepoint.reader(), savepoint.scan(), deserializer);
        }
        KinesisSource.Builder<RowData> source = scan.applyTo(KinesisSource.<RowData>builder())
                .stream(streamName)
                .client(clientConfig)
                .deserializer(deserializer);
        int arrival = metadataKeys.indexOf(ReadableMetadata.ARRIVAL_TIME.key);
        if (rowtimeIsArrivalTime && arrival >= 0) {
            int physicalArity = DataType.getFieldCount(physicalType);
            source.caughtUpWatermark(new ArrivalTimeWatermark(watermarks, physicalArity + metadataKeys.size(), physicalArity + arrival));
        }
        return new KinesisScanProvider(source.build(), watermarks, "KinesisSource-" + streamName);
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        Map<String, DataType> columns = new LinkedHashMap<>();
        for (ReadableMetadata m : ReadableMetadata.values()) {
            columns.put(m.key, m.type);
        }
        return columns;
    }

    @Override
    public void applyReadableMetadata(List<String> keys, DataType producedDataType) {
        this.metadataKeys = List.copyOf(keys);
        this.producedType = producedDataType;
    }

    @Override
    public void applyWatermark(WatermarkStrategy<RowData> watermarkStrategy) {
        this.watermarks = watermarkStrategy;
    }

    @Override
    public DynamicTableSource copy() {
        KinesisDynamicSource copy = new KinesisDynamicSource(physicalType, format, streamName, clientConfig, scan,
                errorOutput, rowtimeIsArrivalTime, savepoint);
        copy.metadataKeys = metadataKeys;
        copy.producedType = producedType;
        copy.watermarks = watermarks;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return savepoint == null ? "Kinesis(" + streamName + ")" : "Kinesis(" + streamName + " from savepoint " + savepoint.scan().path() + ")";
    }
}
