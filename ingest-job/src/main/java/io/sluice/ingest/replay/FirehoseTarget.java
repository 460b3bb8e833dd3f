package io.sluice.ingest.replay;

import io.sluice.common.connector.KinesisClientConfig;
import io.sluice.common.connector.sink.FirehoseSink;
import java.net.URI;
import java.util.concurrent.CompletionException;
import org.apache.flink.streaming.api.datastream.DataStream;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;

/**
 * {@code firehose:NAME}: re-delivers the records' data through a Firehose delivery stream with {@code common/}'s
 * {@link FirehoseSink} (PutRecordBatch, at-least-once, no delimiter added: the data as it was put).
 */
final class FirehoseTarget implements ReplayTarget {

    private final String deliveryStream;
    private final URI endpoint;

    FirehoseTarget(String deliveryStream, URI endpoint) {
        this.deliveryStream = deliveryStream;
        this.endpoint = endpoint;
    }

    @Override
    public void prepare() throws ReplayException {
        try (FirehoseAsyncClient firehose = KinesisClientConfig.sluice(endpoint).createFirehoseAsyncClient(1)) {
            firehose.describeDeliveryStream(b -> b.deliveryStreamName(deliveryStream)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ResourceNotFoundException) {
                throw new ReplayException("Delivery stream " + deliveryStream + " does not exist at " + endpoint + ": create it first", e);
            }
            throw new ReplayException("Cannot reach the Firehose endpoint " + endpoint + " (" + ShardLogSavepoint.rootMessage(e) + ")", e);
        }
    }

    @Override
    public void attach(DataStream<ReplayedRecord> records) {
        records.sinkTo(FirehoseSink.<ReplayedRecord>builder()
                        .deliveryStream(deliveryStream)
                        .client(KinesisClientConfig.sluice(endpoint))
                        .serializationSchema(new ReplayedData())
                        .build())
                .setParallelism(records.getParallelism()).name("Replay into " + describe()).uid("replay-firehose");
    }

    @Override
    public String describe() {
        return "firehose:" + deliveryStream + " at " + endpoint;
    }
}
