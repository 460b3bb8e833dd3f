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
            DataStream<ReplayedRecord> records = ShardLogSavepoint.open(scan.path()).records(env, query(scan));
            String uid = uid(scan, deserializer);
            records.getTransformation().setUid(uid + "-records");
            return records
                    .flatMap(new ReplayedRecordDecoder<>(deserializer))
                    .setParallelism(records.getParallelism())
                    .name("Decode " + scan.stream() + " replayed")
                    .uid(uid + "-decode");
        } catch (ReplayException e) {
            throw new SavepointReadException(e.getMessage(), e);
        }
    }

    /**
     * The uid prefix of one scan's operators: what it reads and what it makes of it, so that one job can hold several
     * scans (two tables over savepoints, a stream joined with itself over two ranges) and the same scan keeps its uids.
     */
    static String uid(SavepointScan scan, KinesisDeserializationSchema<?> deserializer) {
        String what = scan + "|" + deserializer.getProducedType();
        return "replay-" + scan.stream() + "-" + Integer.toHexString(what.hashCode());
    }

    /** The replay query of {@code scan}: its stream, all shards, its range and de-aggregation. */
    static ReplayQuery query(SavepointScan scan) throws ReplayException {
        ReplayBound start = scan.start() == null ? null : ReplayBound.parse("scan.savepoint.start", scan.start());
        ReplayBound end = scan.end() == null ? null : ReplayBound.parse("scan.savepoint.end", scan.end());
        return ReplayQuery.of(scan.stream()).withRange(start, end).withDeaggregation(scan.deaggregate());
    }
}
