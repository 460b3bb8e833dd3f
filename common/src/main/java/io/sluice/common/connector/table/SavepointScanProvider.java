package io.sluice.common.connector.table;

import io.sluice.common.connector.savepoint.SavepointReadException;
import io.sluice.common.connector.savepoint.SavepointScan;
import io.sluice.common.connector.savepoint.SavepointStreamReader;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.data.RowData;

/**
 * The bounded scan of a {@code kinesis} table with {@code scan.savepoint.path}: the stream's records out of an ingest-job
 * savepoint through the {@link SavepointStreamReader} on the classpath, decoded by the table's deserializer. The
 * stream carries no watermark until its end, whatever the table's {@code WATERMARK} says (see
 * {@link KinesisDynamicSource}). Producing the stream runs the savepoint's catalog pass, so a stream that is not in the
 * savepoint fails the statement as it is planned.
 */
final class SavepointScanProvider implements DataStreamScanProvider {

    private final SavepointStreamReader reader;
    private final SavepointScan scan;
    private final RowDataDeserializer deserializer;

    SavepointScanProvider(SavepointStreamReader reader, SavepointScan scan, RowDataDeserializer deserializer) {
        this.reader = reader;
        this.scan = scan;
        this.deserializer = deserializer;
    }

    @Override
    public DataStream<RowData> produceDataStream(ProviderContext context, StreamExecutionEnvironment env) {
        try {
            return reader.read(env, scan, deserializer);
        } catch (SavepointReadException e) {
            throw new ValidationException(KinesisConnectorOptions.SAVEPOINT_PATH.key() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isBounded() {
        return true;
    }
}
