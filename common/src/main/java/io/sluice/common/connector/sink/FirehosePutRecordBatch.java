package io.sluice.common.connector.sink;

import io.sluice.common.connector.KinesisClientConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * Firehose PutRecordBatch into one delivery stream, as a {@link BatchPutApi}: the records whose answer
 * carries an {@code ErrorCode} ({@code ServiceUnavailableException}, {@code InternalFailure}) are sent
 * again; a call refused whole with {@code ServiceUnavailableException} ("Slow down.", status 503: over
 * the stream's Direct PUT quota) is retried after the backoff.
 */
final class FirehosePutRecordBatch implements BatchPutApi<byte[]> {

    private final FirehoseAsyncClient firehose;
    private final String deliveryStream;

    FirehosePutRecordBatch(FirehoseAsyncClient firehose, String deliveryStream) {
        this.firehose = firehose;
        this.deliveryStream = deliveryStream;
    }

    /** Builds the API on the task manager with an async client of {@code clientConfig}. */
    static BatchPutApi.Factory<byte[]> factory(KinesisClientConfig clientConfig, String deliveryStream) {
        return maxConcurrency -> new FirehosePutRecordBatch(clientConfig.createFirehoseAsyncClient(maxConcurrency), deliveryStream);
    }

    @Override
    public CompletableFuture<List<byte[]>> put(List<byte[]> batch) {
        List<Record> records = new ArrayList<>(batch.size());
        for (byte[] data : batch) {
            records.add(Record.builder().data(SdkBytes.fromByteArrayUnsafe(data)).build());
        }
        return firehose.putRecordBatch(b -> b.deliveryStreamName(deliveryStream).records(records))
                .thenApply(response -> failed(batch, response));
    }

    /** The records whose answer has an error code; answers come in request order. */
    private List<byte[]> failed(List<byte[]> batch, PutRecordBatchResponse response) {
        if (response.failedPutCount() == null || response.failedPutCount() == 0) {
            return List.of();
        }
        List<PutRecordBatchResponseEntry> answers = response.requestResponses();
        if (answers.size() != batch.size()) {
            throw new IllegalStateException(describe() + " answered " + answers.size() + " records for " + batch.size());
        }
        List<byte[]> failed = new ArrayList<>(response.failedPutCount());
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i).errorCode() != null) {
                failed.add(batch.get(i));
            }
        }
        return failed;
    }

    @Override
    public boolean isRetryable(Throwable error) {
        // ServiceUnavailableException is a 503, so a 5xx already; no Firehose throttling error is a 400.
        return AwsErrors.isRetryable(error, Set.of());
    }

    @Override
    public String describe() {
        return "PutRecordBatch to delivery stream " + deliveryStream;
    }

    @Override
    public void close() {
        firehose.close();
    }
}
