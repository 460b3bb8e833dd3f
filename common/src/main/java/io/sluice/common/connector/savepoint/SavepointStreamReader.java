package io.sluice.common.connector.savepoint;

import io.sluice.common.connector.source.KinesisDeserializationSchema;
import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceLoader;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Reads a stream's retained records out of a savepoint of the ingest job, as a bounded {@link DataStream}: the service
 * through which {@code common/}'s connector (the {@code kinesis} table's {@code scan.savepoint.path}) reaches the
 * ingest job's replay, which owns the state format and is not a dependency of {@code common/}. The one implementation
 * is {@code io.sluice.ingest.replay.ShardLogSavepointReader}, found with {@link ServiceLoader} when the ingest job is
 * on the classpath.
 *
 * <p>The records come out as replay orders them: at parallelism 1, shard after shard (parents before children), each
 * shard in sequence order; each is decoded with a {@link KinesisDeserializationSchema} given the record's metadata
 * (stream, shard, sequence and sub-sequence number, partition key, arrival time). The stream carries no watermark
 * until its end (end of input: the maximum watermark).
 */
public interface SavepointStreamReader {

    /** Checks what can be checked without running a job: {@code scan.path} is a savepoint of the ingest job, the range parses and is not empty on its face. */
    void check(SavepointScan scan) throws SavepointReadException;

    /**
     * The records {@code scan} selects, decoded by {@code deserializer}, as a bounded stream on {@code env}. Runs one
     * small job first (the savepoint's stream catalog, on an environment of {@code env}'s configuration) and fails
     * when the stream is not in the savepoint.
     */
    <T> DataStream<T> read(StreamExecutionEnvironment env, SavepointScan scan, KinesisDeserializationSchema<T> deserializer)
            throws SavepointReadException;

    /** The implementation on {@code classLoader}'s classpath, if there is one. */
    static Optional<SavepointStreamReader> find(ClassLoader classLoader) {
        Iterator<SavepointStreamReader> found = ServiceLoader.load(SavepointStreamReader.class, classLoader).iterator();
        return found.hasNext() ? Optional.of(found.next()) : Optional.empty();
    }
}
