package io.sluice.delivery.buffer;

import io.sluice.common.error.ApiException;
import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.error.ResourceInUseException;
import io.sluice.common.error.ResourceNotFoundException;
import io.sluice.common.error.ServiceUnavailableException;
import io.sluice.common.http.ApiReply;
import io.sluice.common.http.HttpEndpoints;
import io.sluice.common.serialization.JacksonTypeInfo;
import io.sluice.common.serialization.SerializerTypeInfo;
import io.sluice.delivery.DeliverySettings;
import io.sluice.delivery.api.DeliveryStreamType;
import io.sluice.delivery.api.Processing;
import io.sluice.delivery.api.PutRecordBatchRequest;
import io.sluice.delivery.catalog.DeliveryStream;
import io.sluice.delivery.catalog.DeliveryStreamChange;
import io.sluice.delivery.catalog.DeliveryStreamStatus;
import io.sluice.delivery.metrics.DeliveryMetrics;
import io.sluice.delivery.reply.PutReplies;
import io.sluice.delivery.s3.BucketStore;
import io.sluice.delivery.s3.PendingObject;
import io.sluice.delivery.s3.PrefixEvaluationException;
import io.sluice.delivery.s3.S3Delivery;
import io.sluice.delivery.transform.RecordProcessing;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A delivery stream's buffer (keyed by delivery stream): accepted records wait here, in keyed state,
 * until the buffer holds the destination's {@code SizeInMBs} or its oldest record is
 * {@code IntervalInSeconds} old, whichever comes first; then one flush writes them as one object and
 * emits its {@link PendingObject} for the committer. Records leave the state in the same step, so a
 * checkpoint holds each record either in the buffer or in a pending object, never both and never
 * neither. A put is answered from here (after the checkpoint that holds it, in DURABLE mode).
 *
 * <p>The registry's {@link DeliveryStreamChange}s arrive on the second input. Before a destination
 * changes or a stream is deleted, what is buffered is delivered under the old settings. A flush that
 * fails (the bucket is unreachable, or the destination's {@code Prefix} evaluates longer than a key
 * prefix may be) keeps the records and is tried again after {@link #RETRY_MILLIS}, under the settings
 * the stream has then: it never fails the job, whose restore would only fail the same flush again.
 */
public final class DeliveryBuffer extends KeyedCoProcessFunction<String, PutCommand, DeliveryStreamChange, PendingObject> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryBuffer.class);

    /** Wait before a failed flush is tried again. */
    static final long RETRY_MILLIS = 5_000;

    public static final OutputTag<ApiReply> REPLIES = new OutputTag<>("buffer-replies", HttpEndpoints.REPLY_TYPE);

    private final DeliverySettings settings;

    private transient ValueState<DeliveryStream> stream;
    private transient ListState<BufferedBatch> batches;
    /** Bytes, records and oldest arrival of what is buffered; the flush timer's time. */
    private transient ValueState<Long> bufferedBytes;
    private transient ValueState<Long> bufferedRecords;
    private transient ValueState<Long> oldestArrival;
    private transient ValueState<Long> flushTimer;
    /** Number of the next record accepted: with the stream's creation time, it makes record ids unique. */
    private transient ValueState<Long> nextRecord;
    /** Set while the last flush failed and its retry is pending. */
    private transient ValueState<Boolean> retrying;
    /** Set when the stream was deleted before its records could be delivered: they still are, under its last settings. */
    private transient ValueState<Boolean> deleted;

    private transient BucketStore store;
    private transient S3Delivery delivery;
    private transient DeliveryMetrics metrics;
    /** The Direct PUT quota of each stream this subtask owns (not state: buckets start full after a restart). */
    private transient Map<String, DirectPutQuota> quotas;

    public DeliveryBuffer(DeliverySettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) throws IOException {
        stream = getRuntimeContext().getState(new ValueStateDescriptor<>("delivery-stream", JacksonTypeInfo.of(DeliveryStream.class)));
        batches = getRuntimeContext().getListState(new ListStateDescriptor<>("batches",
                SerializerTypeInfo.of(BufferedBatch.class, new BufferSerializers.BufferedBatchSerializer())));
        bufferedBytes = getRuntimeContext().getState(new ValueStateDescriptor<>("buffered-bytes", Types.LONG));
        bufferedRecords = getRuntimeContext().getState(new ValueStateDescriptor<>("buffered-records", Types.LONG));
        oldestArrival = getRuntimeContext().getState(new ValueStateDescriptor<>("oldest-arrival", Types.LONG));
        flushTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("flush-timer", Types.LONG));
        nextRecord = getRuntimeContext().getState(new ValueStateDescriptor<>("next-record", Types.LONG));
        retrying = getRuntimeContext().getState(new ValueStateDescriptor<>("retrying", Types.BOOLEAN));
        deleted = getRuntimeContext().getState(new ValueStateDescriptor<>("deleted", Types.BOOLEAN));
        store = settings.buckets().open();
        delivery = new S3Delivery(store, new RecordProcessing(settings.functions(), settings.arrivalClock()), settings.region(),
                new SecureRandom());
        metrics = new DeliveryMetrics(getRuntimeContext().getMetricGroup(), settings.arrivalClock());
        quotas = new HashMap<>();
    }

    @Override
    public void close() throws Exception {
        if (store != null) {
            store.close();
        }
        super.close();
    }

    @Override
    public void processElement1(PutCommand put, Context ctx, Collector<PendingObject> out) throws Exception {
        try {
            DeliveryStream s = accepting(put);
            BufferedBatch batch = new BufferedBatch(put.arrivalMillis(), put.records(), put.kinesis());
            long batchBytes = batch.bytes();
            long now = ctx.timerService().currentProcessingTime();
            if (settings.directPutQuota().enabled() && !put.fromSource()) {
                quotas.computeIfAbsent(s.name(), n -> new DirectPutQuota(settings.directPutQuota(), now))
                        .admit(now, put.records().size(), batchBytes);
            }
            long buffered = bufferedBytes.value() == null ? 0 : bufferedBytes.value();
            boolean failing = retrying.value() != null;
            // Records read from a Kinesis stream cannot be refused (nobody would retry them): they are always taken.
            if (failing && !put.fromSource() && buffered + batchBytes > maxBufferWhileFailing(s)) {
                // The bucket is failing: hold at most two buffers' worth in state, and push back on producers.
                throw new ServiceUnavailableException("Slow down.");
            }
            long first = nextRecord.value() == null ? 0 : nextRecord.value();
            nextRecord.update(first + put.records().size());
            batches.add(batch);
            long bytes = buffered + batchBytes;
            bufferedBytes.update(bytes);
            bufferedRecords.update((bufferedRecords.value() == null ? 0 : bufferedRecords.value()) + put.records().size());
            if (oldestArrival.value() == null || put.arrivalMillis() < oldestArrival.value()) {
                oldestArrival.update(put.arrivalMillis());
                metrics.of(s.name()).oldestBuffered(put.arrivalMillis());
            }
            if (put.fromSource()) {
                metrics.of(s.name()).readFromKinesisStream(put.records().size(), batchBytes);
            } else {
                metrics.of(s.name()).incoming(put.single(), put.records().size(), batchBytes);
                ctx.output(REPLIES, ApiReply.ok(put.ref(), PutReplies.accepted(put.ref().format(), put.single(),
                        RecordIds.of(s.createdMillis(), first, put.records().size()))));
            }
            if (failing) {
                return; // the retry timer flushes; a failing bucket is not called again on every put
            }
            if (bytes >= s.destination().bufferingHints().sizeBytes()) {
                flush(s, now, ctx, out);
            } else if (flushTimer.value() == null) {
                scheduleFlush(now + flushInterval(s), ctx);
            }
        } catch (ApiException e) {
            if (put.fromSource()) {
                // Its delivery stream was deleted (its splits end at the source's next catalog round).
                LOG.debug("Dropped a record of {} read from its Kinesis stream: {}", put.deliveryStream(), e.getMessage());
            } else {
                ctx.output(REPLIES, ApiReply.error(put.ref(), e));
            }
        }
    }

    /**
     * The stream that takes these records: a Direct PUT stream that is ACTIVE, or, for records read from a Kinesis
     * stream, the {@code KinesisStreamAsSource} stream that exists (also while CREATING: it reads from its creation on).
     */
    private DeliveryStream accepting(PutCommand put) throws IOException {
        String name = put.deliveryStream();
        DeliveryStream s = stream.value();
        if (s == null || deleted.value() != null) {
            throw new ResourceNotFoundException(settings.notFound(name));
        }
        if (put.fromSource()) {
            if (s.type() != DeliveryStreamType.KinesisStreamAsSource || s.createdMillis() != put.sourceCreatedMillis()) {
                throw new ResourceNotFoundException(settings.notFound(name)); // read for a stream deleted and created again
            }
            return s;
        }
        if (s.type() != DeliveryStreamType.DirectPut) {
            throw new InvalidArgumentException("This operation is not permitted on KinesisStreamAsSource delivery stream type.");
        }
        if (s.status() != DeliveryStreamStatus.ACTIVE) {
            throw new ResourceInUseException("Firehose " + name + " under account " + settings.accountId()
                    + " is not ACTIVE (" + s.status() + ").");
        }
        return s;
    }

    @Override
    public void processElement2(DeliveryStreamChange change, Context ctx, Collector<PendingObject> out) throws Exception {
        DeliveryStream before = stream.value();
        boolean destinationChanged = before != null
                && (change.stream() == null || change.stream().versionId() != before.versionId()
                        || change.stream().createdMillis() != before.createdMillis());
        if (destinationChanged) {
            flush(before, ctx.timerService().currentProcessingTime(), ctx, out);
        }
        if (change.stream() == null) {
            if (bufferedRecords.value() == null) {
                forget(change.name());
            } else {
                // Its flush failed: keep the records and the last settings, and keep trying (puts are refused meanwhile).
                LOG.warn("Delivery stream {} deleted with {} undelivered records; they are delivered when its bucket takes them",
                        change.name(), bufferedRecords.value());
                deleted.update(true);
            }
        } else {
            // A re-creation takes over; what a deleted stream still held goes with the new stream's settings.
            deleted.clear();
            stream.update(change.stream());
        }
    }

    /** Drops every trace of a deleted stream whose records are all delivered. */
    private void forget(String name) {
        stream.clear();
        nextRecord.clear();
        retrying.clear();
        deleted.clear();
        metrics.remove(name);
        quotas.remove(name);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PendingObject> out) throws Exception {
        Long due = flushTimer.value();
        DeliveryStream s = stream.value();
        if (due == null || due != timestamp || s == null) {
            return; // a timer of a buffer that was flushed by size meanwhile
        }
        flushTimer.clear();
        flush(s, timestamp, ctx, out);
    }

    /** Writes everything buffered as one object; on failure keeps it and tries again later. */
    private void flush(DeliveryStream s, long now, Context ctx, Collector<PendingObject> out) throws Exception {
        Long records = bufferedRecords.value();
        if (records == null) {
            return;
        }
        try {
            for (PendingObject object : delivery.write(s, new S3Delivery.Flush(batches.get(), oldestArrival.value()))) {
                out.collect(object);
            }
            clearBuffer(ctx);
            metrics.of(s.name()).oldestBuffered(null);
            retrying.clear();
            if (deleted.value() != null) {
                forget(s.name());
            }
        } catch (IOException | PrefixEvaluationException e) {
            LOG.warn("Delivery of {} records of {} to bucket {} failed; retrying in {} ms", records, s.name(),
                    s.destination().bucket(), RETRY_MILLIS, e);
            metrics.of(s.name()).deliveryFailed();
            retrying.update(true);
            Long timer = flushTimer.value();
            if (timer != null) {
                ctx.timerService().deleteProcessingTimeTimer(timer);
            }
            scheduleFlush(now + RETRY_MILLIS, ctx);
        }
    }

    /** How much a stream may buffer while its bucket fails: two buffers' worth (at least two 4 MiB batches). */
    private static long maxBufferWhileFailing(DeliveryStream s) {
        return Math.max(2 * s.destination().bufferingHints().sizeBytes(), 2L * PutRecordBatchRequest.MAX_BATCH_BYTES);
    }

    /** The destination's interval hint, or the Lambda processor's when that is shorter (its records wait no longer). */
    private static long flushInterval(DeliveryStream s) {
        long interval = s.destination().bufferingHints().intervalMillis();
        Processing processing = s.destination().processing();
        if (processing.active() && processing.lambda() != null) {
            interval = Math.min(interval, processing.lambda().bufferIntervalSeconds() * 1000L);
        }
        return interval;
    }

    private void scheduleFlush(long at, Context ctx) throws IOException {
        flushTimer.update(at);
        ctx.timerService().registerProcessingTimeTimer(at);
    }

    private void clearBuffer(Context ctx) throws IOException {
        Long timer = flushTimer.value();
        if (timer != null) {
            ctx.timerService().deleteProcessingTimeTimer(timer);
        }
        batches.clear();
        bufferedBytes.clear();
        bufferedRecords.clear();
        oldestArrival.clear();
        flushTimer.clear();
    }
}
