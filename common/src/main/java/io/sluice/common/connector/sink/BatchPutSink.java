package io.sluice.common.connector.sink;

import java.io.IOException;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;

/**
 * What {@link KinesisSink} and {@link FirehoseSink} share: Flink's async sink over a per-record
 * batch-put API ({@link BatchPutApi}), written by {@link BatchPutSinkWriter} (batching, in-flight and
 * buffer limits, retries with backoff, flush on checkpoint: at-least-once). A subclass names the
 * service's limits, its API and the serializer of its buffered entries.
 */
public abstract class BatchPutSink<T, E extends Serializable> extends AsyncSinkBase<T, E> {

    private static final long serialVersionUID = 1L;

    /** What an entry counts against the service's per-call and per-record byte limits. */
    @FunctionalInterface
    public interface EntrySize<E> extends Serializable {
        long bytes(E entry);
    }

    private final BatchPutApi.Factory<E> apiFactory;
    private final EntrySize<E> entrySize;
    private final String threadName;

    /** The tuning is the builder's; the byte limits are the service's. */
    protected BatchPutSink(ElementConverter<T, E> converter, SinkTuning tuning, long maxBatchBytes, long maxRecordBytes,
            BatchPutApi.Factory<E> apiFactory, EntrySize<E> entrySize, String threadName) {
        super(converter, tuning.maxBatchSize(), tuning.maxInFlightRequests(), tuning.maxBufferedRequests(), maxBatchBytes,
                tuning.maxTimeInBufferMillis(), maxRecordBytes);
        this.apiFactory = apiFactory;
        this.entrySize = entrySize;
        this.threadName = threadName;
    }

    @Override
    public StatefulSinkWriter<T, BufferedRequestState<E>> createWriter(WriterInitContext context) throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<T, BufferedRequestState<E>> restoreWriter(WriterInitContext context,
            Collection<BufferedRequestState<E>> recoveredState) {
        return new BatchPutSinkWriter<>(getElementConverter(), context, writerConfiguration(), recoveredState, apiFactory, entrySize,
                threadName);
    }

    /** The limits the writer applies, as this sink was built. */
    AsyncSinkWriterConfiguration writerConfiguration() {
        return AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(getMaxBatchSize())
                .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                .setMaxInFlightRequests(getMaxInFlightRequests())
                .setMaxBufferedRequests(getMaxBufferedRequests())
                .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
                .build();
    }
}
