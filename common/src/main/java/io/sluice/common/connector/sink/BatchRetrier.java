package io.sluice.common.connector.sink;

import java.util.List;
import java.util.concurrent.CompletionException;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a batch through a {@link BatchPutApi} and settles it with Flink's async sink writer: a batch
 * that is in completes; records that failed on their own (throttled, an internal error) and whole
 * batches that failed with a retryable error go back to the writer after a {@link RetryBackoff}, and
 * stay in its buffer, and so in checkpoints, until they are in; an error no retry can fix (no such
 * stream, a bad request, no credentials) fails the job. Records of one key are not kept in order:
 * batches run concurrently and a retried record lands after later ones.
 */
final class BatchRetrier<E> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchRetrier.class);

    /** Runs a retry after a delay; the writer's is a scheduled executor, a test's runs it at once. */
    @FunctionalInterface
    interface Scheduler {
        void schedule(Runnable retry, long delayMillis);
    }

    private final BatchPutApi<E> api;
    private final RetryBackoff backoff;
    private final Scheduler scheduler;
    private final Counter retriedRecords;

    BatchRetrier(BatchPutApi<E> api, RetryBackoff backoff, Scheduler scheduler, Counter retriedRecords) {
        this.api = api;
        this.backoff = backoff;
        this.scheduler = scheduler;
        this.retriedRecords = retriedRecords;
    }

    void submit(List<E> batch, ResultHandler<E> result) {
        api.put(batch).whenComplete((failed, error) -> {
            if (error != null) {
                failed(batch, error instanceof CompletionException && error.getCause() != null ? error.getCause() : error, result);
            } else if (failed.isEmpty()) {
                backoff.reset();
                result.complete();
            } else {
                retryLater(failed, result);
            }
        });
    }

    private void failed(List<E> batch, Throwable error, ResultHandler<E> result) {
        if (api.isRetryable(error)) {
            LOG.warn("{} failed, retrying {} records", api.describe(), batch.size(), error);
            retryLater(batch, result);
        } else {
            result.completeExceptionally(new IllegalStateException(api.describe() + " failed", error));
        }
    }

    private void retryLater(List<E> records, ResultHandler<E> result) {
        retriedRecords.inc(records.size());
        scheduler.schedule(() -> result.retryForEntries(records), backoff.nextDelayMillis());
    }
}
