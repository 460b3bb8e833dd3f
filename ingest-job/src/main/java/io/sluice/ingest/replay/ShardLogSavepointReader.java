package io.sluice.ingest.replay;

import io.sluice.common.connector.savepoint.SavepointReadException;
import io.sluice.common.connector.savepoint.SavepointScan;
import io.sluice.common.connector.savepoint.SavepointStreamReader;
import io.sluice.common.connector.source.KinesisDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code common/}'s {@link SavepointStreamReader} over {@link ShardLogSavepoint}: what the {@code kinesis} table's
 * {@code scan.savepoint.path} reads through (registered in {@code META-INF/services}). The range's ends are read as
 * {@code bin/replay}'s are ({@link ReplayBound#parse}).
 */
public final class ShardLogSavepointReader implements SavepointStreamReader {

    /** The uid of the decoding step after the replay source. */
    static final String DECODE_UID = "replay-decode";

    @Override
    public void check(SavepointScan scan) throws SavepointReadException {
        try {
            ShardLogSavepoint.open(scan.path());
            query(scan).validated();
        } catch (ReplayException e) {
            throw new SavepointReadException(e.getMessage(), e);
        }
    }

    @Override
    public <T> DataStream<T> read(StreamExecutionEnvironment env, SavepointScan scan, KinesisDeserializationSchema<T> deserializer)
            throws SavepointReadException {
        try {
            return ShardLogSavepoint.open(scan.path()).records(env, query(scan))
                    .flatMap(new ReplayedRecordDecoder<>(deserializer))
                    .setParallelism(1)
                    .name("Decode " + scan.stream() + " replayed")
                    .uid(DECODE_UID);
        } catch (ReplayException e) {
            throw new SavepointReadException(e.getMessage(), e);
        }
    }

    /** The replay query of {@code scan}: its stream, all shards, its range and de-aggregation. */
    static ReplayQuery query(SavepointScan scan) throws ReplayException {
        ReplayBound start = scan.start() == null ? null : ReplayBound.parse("scan.savepoint.start", scan.start());
        ReplayBound end = scan.end() == null ? null : ReplayBound.parse("scan.savepoint.end", scan.end());
        return ReplayQuery.of(scan.stream()).withRange(start, end).withDeaggregation(scan.deaggregate());
    }
}
