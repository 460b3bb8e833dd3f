package io.sluice.common.connector.sink;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One batch-put call of an AWS streaming API that answers per record (Kinesis PutRecords, Firehose
 * PutRecordBatch), the small interface through which {@link BatchRetrier} reaches the service: unit
 * tests give it an in-memory fake, jobs the AWS SDK.
 *
 * @param <E> the request entry the sink buffers (and keeps in checkpoints)
 */
public interface BatchPutApi<E> extends AutoCloseable {

    /**
     * Sends one batch. The future completes with the entries that failed on their own (a per-record
     * error code), in request order, or empty when all are in; it completes exceptionally when the
     * whole call failed.
     */
    CompletableFuture<List<E>> put(List<E> batch);

    /** Whether a failed call may succeed if sent again later (throttling, a server error, a lost connection). */
    boolean isRetryable(Throwable error);

    /** What the calls go to, for messages: e.g. "PutRecordBatch to delivery stream clicks". */
    String describe();

    @Override
    void close();

    /** Builds the API on the task manager, where the writer runs: clients are not serializable. */
    @FunctionalInterface
    interface Factory<E> extends Serializable {

        /** An API whose client allows {@code maxConcurrency} calls at once. */
        BatchPutApi<E> create(int maxConcurrency);
    }
}
