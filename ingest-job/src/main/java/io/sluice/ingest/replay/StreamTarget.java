package io.sluice.ingest.replay;

import io.sluice.common.connector.KinesisClientConfig;
import io.sluice.common.connector.sink.KinesisSink;
import java.net.URI;
import org.apache.flink.streaming.api.datastream.DataStream;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * {@code stream:NAME}: re-ingests the records into a Sluice (or Kinesis) stream through {@code common/}'s
 * {@link KinesisSink}, each with its partition key (and, de-aggregated, the explicit hash key its aggregate carried),
 * so it lands in the shard its key chooses there. The sink is at-least-once, as every producer is: a retried batch
 * may add a record twice, and records already put are not taken back when the replay fails later.
 */
final class StreamTarget implements ReplayTarget {

    private final String stream;
    private final URI endpoint;

    StreamTarget(String stream, URI endpoint) {
        this.stream = stream;
        this.endpoint = endpoint;
    }

    @Override
    public void prepare() throws ReplayException {
        try (KinesisClient kinesis = KinesisClientConfig.sluice(endpoint).createClient()) {
            kinesis.describeStreamSummary(b -> b.streamName(stream));
        } catch (ResourceNotFoundException e) {
            throw new ReplayException("Stream " + stream + " does not exist at " + endpoint + ": create it first", e);
        } catch (RuntimeException e) {
            throw new ReplayException("Cannot reach the stream endpoint " + endpoint + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void attach(DataStream<ReplayedRecord> records) {
        records.sinkTo(KinesisSink.<ReplayedRecord>builder()
                        .stream(stream)
                        .client(KinesisClientConfig.sluice(endpoint))
                        .serializationSchema(new ReplayedData())
                        .partitionKey(ReplayedRecord::partitionKey)
                        .explicitHashKey(ReplayedRecord::explicitHashKey)
                        .build())
                .setParallelism(records.getParallelism()).name("Replay into " + describe()).uid("replay-stream");
    }

    @Override
    public String describe() {
        return "stream:" + stream + " at " + endpoint;
    }
}
