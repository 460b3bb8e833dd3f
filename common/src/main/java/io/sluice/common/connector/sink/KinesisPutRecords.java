package io.sluice.common.connector.sink;

import io.sluice.common.connector.KinesisClientConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/** Kinesis PutRecords into one stream, as a {@link BatchPutApi}: per-record error codes mark the records to send again. */
final class KinesisPutRecords implements BatchPutApi<SinkRecord> {

    private final KinesisAsyncClient kinesis;
    private final String streamName;

    KinesisPutRecords(KinesisAsyncClient kinesis, String streamName) {
        this.kinesis = kinesis;
        this.streamName = streamName;
    }

    /** Builds the API on the task manager with an async client of {@code clientConfig}. */
    static BatchPutApi.Factory<SinkRecord> factory(KinesisClientConfig clientConfig, String streamName) {
        return maxConcurrency -> new KinesisPutRecords(clientConfig.createAsyncClient(maxConcurrency), streamName);
    }

    @Override
    public CompletableFuture<List<SinkRecord>> put(List<SinkRecord> batch) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(batch.size());
        for (SinkRecord r : batch) {
            entries.add(PutRecordsRequestEntry.builder().data(SdkBytes.fromByteArray(r.data())).partitionKey(r.partitionKey())
                    .explicitHashKey(r.explicitHashKey()).build());
        }
        return kinesis.putRecords(b -> b.streamName(streamName).records(entries)).thenApply(response -> failed(batch, response));
    }

    private static List<SinkRecord> failed(List<SinkRecord> batch, PutRecordsResponse response) {
        if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
            return List.of();
        }
        List<SinkRecord> failed = new ArrayList<>(response.failedRecordCount());
        List<PutRecordsResultEntry> results = response.records();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).errorCode() != null) {
                failed.add(batch.get(i));
            }
        }
        return failed;
    }

    @Override
    public boolean isRetryable(Throwable error) {
        return AwsErrors.isRetryable(error, AwsErrors.KINESIS_THROTTLING);
    }

    @Override
    public String describe() {
        return "PutRecords to " + streamName;
    }

    @Override
    public void close() {
        kinesis.close();
    }
}
