package io.sluice.delivery.buffer;

import io.sluice.common.error.ApiException;
import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.error.ResourceInUseException;
import io.sluice.common.error.ResourceNotFoundException;
import io.sluice.common.error.ServiceUnavailableException;
import io.sluice.common.http.ApiReply;
import io.sluice.common.http.HttpEndpoints;
import io.sluice.common.serialization.SerializerTypeInfo;
import io.sluice.delivery.DeliverySettings;
import io.sluice.delivery.Destinations;
import io.sluice.delivery.api.DeliveryStreamType;
import io.sluice.delivery.api.Processing;
import io.sluice.delivery.api.PutRecordBatchRequest;
import io.sluice.delivery.catalog.DeliveryStream;
import io.sluice.delivery.catalog.DeliveryStreamChange;
import io.sluice.delivery.catalog.DeliveryStreamStatus;
import io.sluice.delivery.catalog.state.CatalogTypes;
import io.sluice.delivery.http.HttpEndpointMetrics;
import io.sluice.delivery.metrics.DeliveryMetrics;
import io.sluice.delivery.partition.PartitionKeys;
import io.sluice.delivery.reply.PutReplies;
import io.sluice.delivery.s3.BucketStore;
import io.sluice.delivery.s3.PendingObject;
import io.sluice.delivery.s3.S3Delivery;
import io.sluice.delivery.transform.RecordProcessing;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
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
 * {@code IntervalInSeconds} old, whichever comes first; then a flush writes them as one object, on one of
 * the {@link FlushWorkers}' threads, and the buffer goes on taking puts meanwhile. A put is answered from
 * here (after the checkpoint that holds it, in DURABLE mode).
 *
 * <p>Every accepted put is one numbered batch in state. A flush takes the batches not yet taken; they
 * stay in state until its objects are done, and then, in one step on the task thread, its
 * {@link PendingObject}s go to the committer and its batches leave the state. So a checkpoint holds each
 * record either in the buffer or in a pending object, never both and never neither; flushes running at
 * a checkpoint are written again after a restore (the objects they were writing are never committed).
 * Flushes of one stream may run side by side and finish in any order. The task thread learns that a
 * flush finished from a processing-time timer ({@link #POLL_MILLIS}).
 *
 * <p>The registry's {@link DeliveryStreamChange}s arrive on the second input. Before a destination
 * changes or a stream is deleted, what is buffered is flushed under the old settings. A flush that
 * fails (the bucket is unreachable, or the destination's {@code Prefix} evaluates longer than a key
 * prefix may be) keeps its records and is tried again after {@link #RETRY_MILLIS}, under the settings
 * the stream has then, taking along what arrived meanwhile: it never fails the job, whose restore would
 * only fail the same flush again. While a stream's flushes fail it holds at most two buffers' worth,
 * and refuses puts beyond ("Slow down."); healthy, at most {@link #HEALTHY_BUFFERS} buffers' worth.
 *
 * <p>A dynamically partitioned stream buffers each partition on its own ({@link PartitionBuffers}): its batches go,
 * one flight at a time, through a processing step (at once, or with a Lambda processor when they hold its buffer size
 * or have waited the shorter of its interval and the destination's), whose result, each partition's processed records,
 * joins the partitions' buffers in the step that drops the batches; each partition is then written on its own size and
 * interval hints. Unpartitioned streams never touch the partitions' state.
 */
public final class DeliveryBuffer extends KeyedCoProcessFunction<String, PutCommand, DeliveryStreamChange, PendingObject> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryBuffer.class);

    /** Wait before a failed flush is tried again. */
    static final long RETRY_MILLIS = 5_000;
    /** How often the task thread looks for flushes that finished, while any runs. */
    static final long POLL_MILLIS = 10;
    /** Buffers' worth (size hints) a healthy stream holds at most, counting its flushes in flight. */
    static final int HEALTHY_BUFFERS = 4;

    public static final OutputTag<ApiReply> REPLIES = new OutputTag<>("buffer-replies", HttpEndpoints.REPLY_TYPE);

    private final DeliverySettings settings;

    private transient ValueState<DeliveryStream> stream;
    /** The accepted puts, by number. */
    private transient MapState<Long, BufferedBatch> batches;
    /** Number of the next put accepted. */
    private transient ValueState<Long> nextBatch;
    /** Batches numbered below were taken by flushes (that may still be running). */
    private transient ValueState<Long> takenUpTo;
    /** Batches numbered below are all delivered (gone from state). */
    private transient ValueState<Long> lowestBatch;
    /** Bytes and records of all batches in state, taken or not. */
    private transient ValueState<Long> bufferedBytes;
    private transient ValueState<Long> bufferedRecords;
    /** Oldest arrival of the batches not yet taken, and when their interval ends (the flush timer). */
    private transient ValueState<Long> oldestArrival;
    private transient ValueState<Long> flushTimer;
    /** Number of the next record accepted: with the stream's creation time, it makes record ids unique. */
    private transient ValueState<Long> nextRecord;
    /** Set when the stream was deleted before its records could be delivered: they still are, under its last settings. */
    private transient ValueState<Boolean> deleted;

    private transient BucketStore store;
    private transient FlushWorkers workers;
    private transient DeliveryMetrics metrics;
    /** The Direct PUT quota of each stream this subtask owns (not state: buckets start full after a restart). */
    private transient Map<String, DirectPutQuota> quotas;
    /** Each stream's flushes in flight since this subtask opened (none after a restore: see {@link #inFlight}). */
    private transient Map<String, Flights> flights;
    /** The partitions' buffers of dynamically partitioned streams (keyed state too). */
    private transient PartitionBuffers partitions;

    public DeliveryBuffer(DeliverySettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) throws IOException {
        stream = getRuntimeContext().getState(new ValueStateDescriptor<>("delivery-stream", CatalogTypes.DELIVERY_STREAM));
        batches = getRuntimeContext().getMapState(new MapStateDescriptor<>("buffered-batches", Types.LONG,
                SerializerTypeInfo.of(BufferedBatch.class, new BufferSerializers.BufferedBatchSerializer())));
        nextBatch = getRuntimeContext().getState(new ValueStateDescriptor<>("next-batch", Types.LONG));
        takenUpTo = getRuntimeContext().getState(new ValueStateDescriptor<>("taken-up-to", Types.LONG));
        lowestBatch = getRuntimeContext().getState(new ValueStateDescriptor<>("lowest-batch", Types.LONG));
        bufferedBytes = getRuntimeContext().getState(new ValueStateDescriptor<>("buffered-bytes", Types.LONG));
        bufferedRecords = getRuntimeContext().getState(new ValueStateDescriptor<>("buffered-records", Types.LONG));
        oldestArrival = getRuntimeContext().getState(new ValueStateDescriptor<>("oldest-arrival", Types.LONG));
        flushTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("flush-timer", Types.LONG));
        nextRecord = getRuntimeContext().getState(new ValueStateDescriptor<>("next-record", Types.LONG));
        deleted = getRuntimeContext().getState(new ValueStateDescriptor<>("deleted", Types.BOOLEAN));
        store = settings.buckets().open();
        HttpEndpointMetrics httpMetrics = new HttpEndpointMetrics(getRuntimeContext().getMetricGroup());
        workers = new FlushWorkers(settings.flushThreads(),
                "firehose-flush-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                () -> new Destinations(store, new RecordProcessing(settings.functions(), settings.arrivalClock()), settings.region(),
                        new SecureRandom(), settings.arrivalClock(), httpMetrics, settings.activePartitions(),
                        settings.deflateLevel()));
        metrics = new DeliveryMetrics(getRuntimeContext().getMetricGroup(), settings.arrivalClock());
        partitions = new PartitionBuffers(getRuntimeContext(), workers, metrics);
        quotas = new HashMap<>();
        flights = new HashMap<>();
    }

    @Override
    public void close() throws Exception {
        if (workers != null) {
            workers.close();
        }
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
            Flights f = inFlight(ctx.getCurrentKey(), now, ctx);
            long buffered = valueOr(bufferedBytes, 0);
            // Records read from a Kinesis stream cannot be refused (nobody would retry them): they are always taken.
            // A partitioned stream's partition flushes that fail hold what their partitions buffer meanwhile: it counts too.
            long failingPartitions = f.partitions.failingBytes();
            if (!put.fromSource()
                    && buffered + failingPartitions + batchBytes > maxBuffered(s, f.anyFailed() || failingPartitions > 0)) {
                // Flushes fail or fall behind: bound what the stream holds, and push back on producers.
                throw new ServiceUnavailableException("Slow down.");
            }
            long first = valueOr(nextRecord, 0);
            nextRecord.update(first + put.records().size());
            long number = valueOr(nextBatch, 0);
            batches.put(number, batch);
            nextBatch.update(number + 1);
            bufferedBytes.update(buffered + batchBytes);
            bufferedRecords.update(valueOr(bufferedRecords, 0) + put.records().size());
            if (oldestArrival.value() == null || put.arrivalMillis() < oldestArrival.value()) {
                oldestArrival.update(put.arrivalMillis());
            }
            if (put.fromSource()) {
                metrics.of(s.name()).readFromKinesisStream(put.records().size(), batchBytes);
            } else {
                metrics.of(s.name()).incoming(put.single(), put.records().size(), batchBytes);
                ctx.output(REPLIES, ApiReply.ok(put.ref(), PutReplies.accepted(put.ref().format(), put.single(),
                        RecordIds.of(s.createdMillis(), first, put.records().size()))));
            }
            settle(s, f, now, ctx, out);
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
        long now = ctx.timerService().currentProcessingTime();
        Flights f = inFlight(change.name(), now, ctx);
        boolean destinationChanged = before != null
                && (change.stream() == null || change.stream().versionId() != before.versionId()
                        || change.stream().createdMillis() != before.createdMillis());
        if (destinationChanged) {
            startFlush(before, f, now, ctx);
            partitions.flushAll(before, f.partitions);
        }
        if (change.stream() == null) {
            if (before != null) {
                // Puts are refused from now on; the stream is forgotten once what it holds is delivered.
                deleted.update(true);
            }
        } else {
            // A re-creation takes over; what a deleted stream still held goes with the new stream's settings.
            deleted.clear();
            stream.update(change.stream());
        }
        settle(stream.value(), f, now, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PendingObject> out) throws Exception {
        DeliveryStream s = stream.value();
        if (s == null) {
            return; // a timer of a stream that was forgotten meanwhile
        }
        Flights f = inFlight(ctx.getCurrentKey(), timestamp, ctx);
        if (f.pollAt == timestamp) {
            f.pollAt = -1;
        }
        for (FlushInFlight flight : f.list) {
            if (!flight.running() && flight.retryAt <= timestamp) {
                if (flight == f.newest()) {
                    takeUntaken(flight, ctx);
                }
                launch(s, f, flight);
            }
        }
        if (partitioned(s) || f.partitions.any()) {
            partitions.onTimer(s, timestamp, f.partitions);
        }
        Long due = flushTimer.value();
        // A partitioned stream processes one step at a time: settle starts the due one once none runs.
        if (due != null && due == timestamp && !partitioned(s)) {
            flushTimer.clear();
            if (!f.newestWaitsForRetry()) {
                startFlush(s, f, timestamp, ctx);
            }
        }
        settle(s, f, timestamp, ctx, out);
    }

    /**
     * The stream's flushes in flight. The first time a stream is seen after a restore, the batches that
     * flushes had taken but not delivered when the checkpoint was taken are flushed again at once.
     */
    private Flights inFlight(String key, long now, Context ctx) throws Exception {
        Flights f = flights.get(key);
        if (f != null) {
            return f;
        }
        f = new Flights();
        flights.put(key, f);
        long lowest = valueOr(lowestBatch, 0);
        long taken = valueOr(takenUpTo, 0);
        DeliveryStream s = stream.value();
        List<BufferedBatch> again = taken > lowest && s != null ? read(lowest, taken) : List.of();
        if (!again.isEmpty()) {
            LOG.info("Writing again {} batches of {} whose flush was in flight at the last checkpoint", again.size(), key);
            FlushInFlight flight = new FlushInFlight(lowest, taken, again);
            f.list.add(flight);
            launch(s, f, flight);
        }
        partitions.restore(s, f.partitions);
        return f;
    }

    /** Hands every batch not yet taken to a new flush under {@code s}'s settings. */
    private void startFlush(DeliveryStream s, Flights f, long now, Context ctx) throws Exception {
        long from = valueOr(takenUpTo, 0);
        long to = valueOr(nextBatch, 0);
        if (from == to) {
            return;
        }
        FlushInFlight flight = new FlushInFlight(from, to, read(from, to));
        untakenTaken(ctx);
        takenUpTo.update(to);
        f.list.add(flight);
        launch(s, f, flight);
    }

    /** Adds what was buffered after the newest flight to it (its retry delivers it all as one object). */
    private void takeUntaken(FlushInFlight newest, Context ctx) throws Exception {
        long to = valueOr(nextBatch, 0);
        if (newest.to < to) {
            newest.extend(to, read(newest.to, to));
            untakenTaken(ctx);
            takenUpTo.update(to);
        }
    }

    /**
     * Starts writing a flight: a flush into one object or, for a dynamically partitioned stream, the processing step
     * that hands its records to the partitions' buffers.
     */
    private void launch(DeliveryStream s, Flights f, FlushInFlight flight) throws Exception {
        S3Delivery.Flush flush = new S3Delivery.Flush(List.copyOf(flight.batches), flight.oldestArrival);
        flight.launchedWith = s;
        if (partitioned(s)) {
            Set<PartitionKeys> open = partitions.open(f.partitions);
            flight.attempt = workers.submit(d -> d.process(s, flush, open));
        } else {
            flight.attempt = workers.submit(d -> new S3Delivery.Processed(d.write(s, flush), Map.of()));
        }
    }

    private static boolean partitioned(DeliveryStream s) {
        return s != null && s.httpEndpoint() == null && s.destination().dynamicPartitioning().enabled();
    }

    /**
     * Takes in what finished (objects to the committer, batches out of state; failures scheduled for a
     * retry), starts a flush if the size hint is reached, and sets the timers for what is left.
     */
    private void settle(DeliveryStream s, Flights f, long now, Context ctx, Collector<PendingObject> out) throws Exception {
        boolean partitioned = partitioned(s);
        boolean progress = true;
        while (progress) {
            progress = collect(s, f, now, ctx, out);
            if (s != null && f.partitions.any()) {
                progress |= partitions.collect(s, deleted.value() != null, now, RETRY_MILLIS, ctx.timerService(), f.partitions, out);
            }
            if (partitioned ? processingDue(s, f, now)
                    : s != null && deleted.value() == null && !f.newestWaitsForRetry()
                            && valueOr(bufferedBytes, 0) - f.bytes() >= s.destination().bufferingHints().sizeBytes()) {
                startFlush(s, f, now, ctx);
                progress = true;
            }
        }
        boolean untaken = valueOr(takenUpTo, 0) < valueOr(nextBatch, 0);
        boolean timed = !partitioned || lambda(s) != null;
        if (untaken && timed && flushTimer.value() == null && !f.newestWaitsForRetry() && s != null) {
            scheduleFlush(now + flushInterval(s), ctx);
        }
        if ((f.anyRunning() || f.partitions.anyRunning()) && f.pollAt < 0) {
            f.pollAt = now + POLL_MILLIS;
            ctx.timerService().registerProcessingTimeTimer(f.pollAt);
        }
        long lowest = f.list.isEmpty() ? valueOr(takenUpTo, 0) : f.list.get(0).from;
        if (lowest != valueOr(lowestBatch, 0)) {
            lowestBatch.update(lowest);
        }
        String name = ctx.getCurrentKey();
        if (f.list.isEmpty() && valueOr(bufferedRecords, 0) == 0 && deleted.value() != null && partitions.isEmpty(f.partitions)) {
            forget(name);
            return;
        }
        if (s != null) {
            long oldest = Math.min(f.oldestArrival(), untaken ? valueOr(oldestArrival, Long.MAX_VALUE) : Long.MAX_VALUE);
            if (partitioned) {
                oldest = Math.min(oldest, partitions.oldestArrival(f.partitions));
            }
            metrics.of(s.name()).oldestBuffered(oldest == Long.MAX_VALUE ? null : oldest, s.httpEndpoint() != null);
        }
    }

    /** Takes in the flushes that finished; true if any did. */
    private boolean collect(DeliveryStream s, Flights f, long now, Context ctx, Collector<PendingObject> out) throws Exception {
        boolean any = false;
        for (FlushInFlight flight : new ArrayList<>(f.list)) {
            if (!flight.running() || !flight.attempt.isDone()) {
                continue;
            }
            any = true;
            S3Delivery.Processed result;
            try {
                result = flight.attempt.join();
            } catch (CompletionException e) {
                failed(s, flight, e.getCause(), now, ctx);
                continue;
            }
            for (PendingObject object : result.objects()) {
                out.collect(object);
            }
            for (long n = flight.from; n < flight.to; n++) {
                batches.remove(n);
            }
            if (!result.partitions().isEmpty()) {
                // Processed under a destination since changed, or for a deleted stream: written now, under those settings.
                boolean stale = deleted.value() != null || s == null || s.versionId() != flight.launchedWith.versionId()
                        || s.createdMillis() != flight.launchedWith.createdMillis();
                partitions.add(stale ? flight.launchedWith : s, result.partitions(), stale, now, ctx.timerService(), f.partitions);
            }
            bufferedBytes.update(valueOr(bufferedBytes, 0) - flight.bytes);
            bufferedRecords.update(valueOr(bufferedRecords, 0) - flight.records);
            if (valueOr(bufferedRecords, 0) == 0) {
                bufferedBytes.clear();
                bufferedRecords.clear();
            }
            f.list.remove(flight);
        }
        return any;
    }

    private void failed(DeliveryStream s, FlushInFlight flight, Throwable cause, long now, Context ctx) {
        if (cause instanceof Error error) {
            throw error;
        }
        String name = s != null ? s.name() : ctx.getCurrentKey().toString();
        LOG.warn("Delivery of {} records of {} failed (attempt {}); retrying in {} ms", flight.records, name, flight.failures + 1,
                RETRY_MILLIS, cause);
        metrics.of(name).deliveryFailed();
        flight.failures++;
        flight.attempt = null;
        flight.retryAt = now + RETRY_MILLIS;
        ctx.timerService().registerProcessingTimeTimer(flight.retryAt);
    }

    /** Reads the batches numbered {@code from} to {@code to} (exclusive) that are still in state, in order. */
    private List<BufferedBatch> read(long from, long to) throws Exception {
        List<BufferedBatch> read = new ArrayList<>((int) Math.min(to - from, 1024));
        for (long n = from; n < to; n++) {
            BufferedBatch b = batches.get(n);
            if (b != null) {
                read.add(b);
            }
        }
        return read;
    }

    /** Drops every trace of a deleted stream whose records are all delivered. */
    private void forget(String name) throws Exception {
        stream.clear();
        nextRecord.clear();
        nextBatch.clear();
        takenUpTo.clear();
        lowestBatch.clear();
        oldestArrival.clear();
        flushTimer.clear();
        deleted.clear();
        partitions.clear();
        metrics.remove(name);
        quotas.remove(name);
        flights.remove(name);
    }

    /** Most a stream holds (its flushes in flight included): a few buffers' worth, two while its flushes fail. */
    private static long maxBuffered(DeliveryStream s, boolean failing) {
        int buffers = failing ? 2 : HEALTHY_BUFFERS;
        return buffers * Math.max(s.destination().bufferingHints().sizeBytes(), PutRecordBatchRequest.MAX_BATCH_BYTES);
    }

    /**
     * Whether a partitioned stream's buffered batches go to a processing step now: one step at a time (so each
     * partition gets its records in order), at once without a Lambda processor, else when the batches hold the Lambda's
     * {@code BufferSizeInMBs} or its {@code BufferIntervalInSeconds} has passed.
     */
    private boolean processingDue(DeliveryStream s, Flights f, long now) throws IOException {
        if (!f.list.isEmpty() || valueOr(takenUpTo, 0) >= valueOr(nextBatch, 0)) {
            return false;
        }
        Processing.Processor lambda = lambda(s);
        Long due = flushTimer.value();
        return lambda == null || valueOr(bufferedBytes, 0) >= lambda.bufferSizeBytes() || (due != null && due <= now);
    }

    /** The destination's active Lambda processor, or null. */
    private static Processing.Processor lambda(DeliveryStream s) {
        Processing processing = s.destination().processing();
        return processing.active() ? processing.lambda() : null;
    }

    /**
     * The destination's interval hint, or the Lambda processor's when that is shorter (its records wait no longer). For a
     * dynamically partitioned stream, how long records wait for their processing step (with a Lambda processor); the
     * destination's interval applies to each partition's buffer after it too.
     */
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

    /** The batches not yet taken are taken now: their interval timer and oldest arrival go. */
    private void untakenTaken(Context ctx) throws IOException {
        Long timer = flushTimer.value();
        if (timer != null) {
            ctx.timerService().deleteProcessingTimeTimer(timer);
        }
        flushTimer.clear();
        oldestArrival.clear();
    }

    private static long valueOr(ValueState<Long> state, long fallback) throws IOException {
        Long v = state.value();
        return v == null ? fallback : v;
    }

    /** One stream's flushes in flight, oldest first, and its pending poll timer ({@code -1}: none). */
    private static final class Flights {
        final List<FlushInFlight> list = new ArrayList<>(2);
        final PartitionBuffers.Flights partitions = new PartitionBuffers.Flights();
        long pollAt = -1;

        FlushInFlight newest() {
            return list.isEmpty() ? null : list.get(list.size() - 1);
        }

        boolean newestWaitsForRetry() {
            FlushInFlight n = newest();
            return n != null && !n.running();
        }

        boolean anyFailed() {
            for (FlushInFlight flight : list) {
                if (flight.failures > 0) {
                    return true;
                }
            }
            return false;
        }

        boolean anyRunning() {
            for (FlushInFlight flight : list) {
                if (flight.running()) {
                    return true;
                }
            }
            return false;
        }

        long bytes() {
            long n = 0;
            for (FlushInFlight flight : list) {
                n += flight.bytes;
            }
            return n;
        }

        long oldestArrival() {
            long oldest = Long.MAX_VALUE;
            for (FlushInFlight flight : list) {
                oldest = Math.min(oldest, flight.oldestArrival);
            }
            return oldest;
        }
    }
}
