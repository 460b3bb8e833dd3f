package io.sluice.common.connector.sink;

import io.sluice.common.connector.KinesisClientConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Sends batches with PutRecords; records that fail on their own (throttled, internal error) and
 * whole batches that fail with a retryable error are retried after an exponential backoff with
 * jitter (reset by a batch that fully succeeds), while Flink's writer keeps them in its buffer, and
 * so in checkpoints, until they are in. Errors no retry can fix (the stream does not exist, a bad
 * request, no credentials) fail the job. Records of one partition key are not kept in order: batches
 * run concurrently and a retried record lands after later ones, as with Flink's own Kinesis sink.
 */
final class KinesisSinkWriter<T> extends AsyncSinkWriter<T, SinkRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisSinkWriter.class);
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final KinesisAsyncClient kinesis;
    private final String streamName;
    private final ScheduledExecutorService retries;
    private final Counter retriedRecords;
    private volatile long backoffMillis;

    KinesisSinkWriter(ElementConverter<T, SinkRecord> converter, WriterInitContext context, AsyncSinkWriterConfiguration config,
            Collection<BufferedRequestState<SinkRecord>> states, KinesisClientConfig clientConfig, String streamName) {
        super(converter, context, config, states);
        // Built after the base writer accepted the configuration, so a rejected one leaks no client.
        this.kinesis = clientConfig.createAsyncClient(Math.max(8, config.getMaxInFlightRequests()));
        this.streamName = streamName;
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kinesis-sink-retries");
            t.setDaemon(true);
            return t;
        });
        this.retriedRecords = context.metricGroup().counter("numRecordsRetried");
    }

    @Override
    protected void submitRequestEntries(List<SinkRecord> records, ResultHandler<SinkRecord> result) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(records.size());
        for (SinkRecord r : records) {
            entries.add(PutRecordsRequestEntry.builder().data(SdkBytes.fromByteArray(r.data())).partitionKey(r.partitionKey())
                    .explicitHashKey(r.explicitHashKey()).build());
        }
        kinesis.putRecords(b -> b.streamName(streamName).records(entries)).whenComplete((response, error) -> {
            if (error != null) {
                failed(records, error instanceof CompletionException && error.getCause() != null ? error.getCause() : error, result);
            } else {
                answered(records, response, result);
            }
        });
    }

    private void answered(List<SinkRecord> records, PutRecordsResponse response, ResultHandler<SinkRecord> result) {
        if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
            backoffMillis = 0;
            result.complete();
            return;
        }
        List<SinkRecord> failed = new ArrayList<>(response.failedRecordCount());
        List<PutRecordsResultEntry> results = response.records();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).errorCode() != null) {
                failed.add(records.get(i));
            }
        }
        retryLater(failed, result);
    }

    private void failed(List<SinkRecord> records, Throwable error, ResultHandler<SinkRecord> result) {
        if (retryable(error)) {
            LOG.warn("PutRecords to {} failed, retrying {} records", streamName, records.size(), error);
            retryLater(records, result);
        } else {
            result.completeExceptionally(new IllegalStateException("PutRecords to " + streamName + " failed", error));
        }
    }

    private static boolean retryable(Throwable error) {
        if (error instanceof KinesisException k) {
            int status = k.statusCode();
            String code = k.awsErrorDetails() == null ? null : k.awsErrorDetails().errorCode();
            return status >= 500 || status == 429 || "ProvisionedThroughputExceededException".equals(code)
                    || "LimitExceededException".equals(code) || "KMSThrottlingException".equals(code);
        }
        // Connection trouble (the endpoint may be restarting); not missing credentials or a bad request.
        return error instanceof SdkClientException e && (e.retryable() || e.getCause() instanceof java.io.IOException);
    }

    private void retryLater(List<SinkRecord> records, ResultHandler<SinkRecord> result) {
        long backoff = Math.min(MAX_BACKOFF_MILLIS, backoffMillis == 0 ? FIRST_BACKOFF_MILLIS : backoffMillis * 2);
        backoffMillis = backoff;
        retriedRecords.inc(records.size());
        long delay = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        retries.schedule(() -> result.retryForEntries(records), delay, TimeUnit.MILLISECONDS);
    }

    @Override
    protected long getSizeInBytes(SinkRecord record) {
        return record.sizeInBytes();
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            retries.shutdownNow();
            kinesis.close();
        }
    }
}
