package io.sluice.common.connector.sink;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;

/**
 * The writer of every {@link BatchPutSink}: Flink's async sink writer batches (by count, bytes and
 * time), bounds the calls in flight and the buffered records (back-pressure), waits for what is in
 * flight at a checkpoint and keeps what is buffered in it (at-least-once); {@link BatchRetrier} sends
 * each batch and retries what failed. Metric: {@code numRecordsRetried}.
 */
final class BatchPutSinkWriter<T, E extends Serializable> extends AsyncSinkWriter<T, E> {

    private final BatchPutApi<E> api;
    private final BatchPutSink.EntrySize<E> entrySize;
    private final ScheduledExecutorService retries;
    private final BatchRetrier<E> retrier;

    BatchPutSinkWriter(ElementConverter<T, E> converter, WriterInitContext context, AsyncSinkWriterConfiguration config,
            Collection<BufferedRequestState<E>> states, BatchPutApi.Factory<E> apiFactory, BatchPutSink.EntrySize<E> entrySize,
            String threadName) {
        super(converter, context, config, states);
        // Built after the base writer accepted the configuration, so a rejected one leaks no client.
        this.api = apiFactory.create(Math.max(8, config.getMaxInFlightRequests()));
        this.entrySize = entrySize;
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        this.retrier = new BatchRetrier<>(api, new RetryBackoff(),
                (retry, delayMillis) -> retries.schedule(retry, delayMillis, TimeUnit.MILLISECONDS),
                context.metricGroup().counter("numRecordsRetried"));
    }

    @Override
    protected void submitRequestEntries(List<E> entries, ResultHandler<E> result) {
        retrier.submit(entries, result);
    }

    @Override
    protected long getSizeInBytes(E entry) {
        return entrySize.bytes(entry);
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            retries.shutdownNow();
            api.close();
        }
    }
}
