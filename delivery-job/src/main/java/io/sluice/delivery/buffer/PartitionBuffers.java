package io.sluice.delivery.buffer;

import io.sluice.common.serialization.SerializerTypeInfo;
import io.sluice.delivery.catalog.DeliveryStream;
import io.sluice.delivery.metrics.DeliveryMetrics;
import io.sluice.delivery.partition.PartitionKeys;
import io.sluice.delivery.partition.PartitionKeysSerializer;
import io.sluice.delivery.s3.PendingObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partition buffers of a dynamically partitioned delivery stream, part of {@link DeliveryBuffer}'s keyed state
 * (every call works on the stream of the current key). As in AWS, each partition buffers on its own: its records
 * (processed, in {@link PartitionChunk}s) are written as one object when its buffer holds the size hint or its
 * oldest chunk has waited the interval hint, whichever comes first, while the other partitions go on waiting. A
 * partition's buffer is open from its first chunk until its last one is delivered; the open ones are those the
 * active-partition limit counts.
 *
 * <p>State: {@code partition-buffers} (a {@link PartitionBuffer} per open partition), {@code partition-chunks} (the
 * chunks by partition and number: reads are point lookups) and {@code partition-due} (the partitions whose interval
 * ends at a time: one processing-time timer per due time). Exactly once as in the stream's buffer: a flush's chunks
 * leave the state in the same step on the task thread that hands its objects to the committer, and a flush running at
 * a checkpoint is written again after a restore ({@link #restore}).
 */
final class PartitionBuffers {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionBuffers.class);

    private final MapState<PartitionKeys, PartitionBuffer> buffers;
    private final MapState<PartitionSerializers.ChunkKey, PartitionChunk> chunks;
    private final MapState<Long, List<PartitionKeys>> due;
    private final FlushWorkers workers;
    private final DeliveryMetrics metrics;

    @SuppressWarnings({"unchecked", "rawtypes"})
    PartitionBuffers(RuntimeContext context, FlushWorkers workers, DeliveryMetrics metrics) {
        this.buffers = context.getMapState(new MapStateDescriptor<>("partition-buffers",
                SerializerTypeInfo.of(PartitionKeys.class, new PartitionKeysSerializer()),
                SerializerTypeInfo.of(PartitionBuffer.class, new PartitionSerializers.BufferSerializer())));
        this.chunks = context.getMapState(new MapStateDescriptor<>("partition-chunks",
                SerializerTypeInfo.of(PartitionSerializers.ChunkKey.class, new PartitionSerializers.ChunkKeySerializer()),
                SerializerTypeInfo.of(PartitionChunk.class, new PartitionSerializers.ChunkSerializer())));
        this.due = context.getMapState(new MapStateDescriptor<>("partition-due", Types.LONG,
                (SerializerTypeInfo<List<PartitionKeys>>) (SerializerTypeInfo) SerializerTypeInfo.of(List.class,
                        (ListSerializer) new ListSerializer<>(new PartitionKeysSerializer()))));
        this.workers = workers;
        this.metrics = metrics;
    }

    /** One stream's partition flushes in flight (in memory: after a restore, {@link #restore} starts them again). */
    static final class Flights {
        final Map<PartitionKeys, PartitionFlight> byPartition = new LinkedHashMap<>();
        /** The oldest arrival buffered in the partitions, or {@code null} when it must be looked up again. */
        Long oldest;
        /** The open partitions, or {@code null} until they are read from state (once per stream after a restore). */
        Set<PartitionKeys> open;

        /** Bytes held by partition flushes that have failed (they take along what their partition buffers meanwhile). */
        long failingBytes() {
            long n = 0;
            for (PartitionFlight flight : byPartition.values()) {
                n += flight.failures > 0 ? flight.bytes : 0;
            }
            return n;
        }

        /** Whether any partition flush is in flight (running or waiting for its retry). */
        boolean any() {
            return !byPartition.isEmpty();
        }

        boolean anyRunning() {
            for (PartitionFlight flight : byPartition.values()) {
                if (flight.running()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The partitions whose buffers are open (the active-partition limit counts them). */
    Set<PartitionKeys> open(Flights f) throws Exception {
        return Set.copyOf(openSet(f));
    }

    private Set<PartitionKeys> openSet(Flights f) throws Exception {
        if (f.open == null) {
            f.open = new HashSet<>();
            for (PartitionKeys p : buffers.keys()) {
                f.open.add(p);
            }
        }
        return f.open;
    }

    /** Whether no partition holds a record and no flush of one is in flight. */
    boolean isEmpty(Flights f) throws Exception {
        return f.byPartition.isEmpty() && buffers.isEmpty();
    }

    /** The first time a stream is seen after a restore: the flushes in flight at the checkpoint are written again. */
    void restore(DeliveryStream s, Flights f) throws Exception {
        if (s == null) {
            return;
        }
        for (Map.Entry<PartitionKeys, PartitionBuffer> e : buffers.entries()) {
            PartitionBuffer b = e.getValue();
            if (b.hasTaken()) {
                LOG.info("Writing again {} chunks of a partition of {} whose flush was in flight at the last checkpoint",
                        b.taken() - b.first(), s.name());
                PartitionFlight flight = new PartitionFlight(e.getKey(), b.first(), b.taken(), read(e.getKey(), b.first(), b.taken()));
                f.byPartition.put(e.getKey(), flight);
            }
        }
        for (PartitionFlight flight : f.byPartition.values()) {
            launch(s, flight);
        }
    }

    /**
     * Takes in the partitions' records of a processing step: each chunk joins its partition's buffer, whose interval
     * starts with its first waiting chunk; a buffer that reaches the size hint is flushed. With {@code atOnce} (a
     * stream deleted, or records processed under a destination that has changed since) every partition that got
     * records is flushed now, under {@code s}.
     */
    void add(DeliveryStream s, Map<PartitionKeys, PartitionChunk> processed, boolean atOnce, long now, TimerService timers, Flights f)
            throws Exception {
        for (Map.Entry<PartitionKeys, PartitionChunk> e : processed.entrySet()) {
            PartitionKeys p = e.getKey();
            PartitionBuffer b = buffers.get(p);
            if (b == null) {
                b = PartitionBuffer.opened();
                openSet(f).add(p);
            }
            chunks.put(new PartitionSerializers.ChunkKey(p, b.next()), e.getValue());
            b = b.withChunk(e.getValue());
            if (b.dueAt() < 0 && !atOnce) {
                long at = now + s.destination().bufferingHints().intervalMillis();
                b = b.withDueAt(at);
                addDue(at, p, timers);
            }
            buffers.put(p, b);
            if (atOnce || b.bytes() >= s.destination().bufferingHints().sizeBytes()) {
                startFlush(s, p, f);
            }
        }
        f.oldest = null;
    }

    /** Flushes every partition's waiting records now, under {@code s} (before its destination changes, or it is deleted). */
    void flushAll(DeliveryStream s, Flights f) throws Exception {
        List<PartitionKeys> all = new ArrayList<>();
        for (PartitionKeys p : buffers.keys()) {
            all.add(p);
        }
        for (PartitionKeys p : all) {
            startFlush(s, p, f);
        }
    }

    /** A timer of the stream went off: failed flushes whose wait is over are tried again, due partitions flushed. */
    void onTimer(DeliveryStream s, long timestamp, Flights f) throws Exception {
        for (PartitionFlight flight : f.byPartition.values()) {
            if (!flight.running() && flight.retryAt <= timestamp) {
                if (!flight.givenUp) {
                    takeUntaken(flight);
                }
                launch(s, flight);
            }
        }
        List<PartitionKeys> dueNow = due.get(timestamp);
        if (dueNow == null) {
            return;
        }
        due.remove(timestamp);
        for (PartitionKeys p : dueNow) {
            PartitionBuffer b = buffers.get(p);
            if (b != null && b.dueAt() == timestamp) {
                // A partition whose flush is still in flight keeps its due time: it is flushed when that one is done.
                startFlush(s, p, f);
            }
        }
    }

    /**
     * Takes in the partition flushes that finished: their objects go to the committer and their chunks leave the
     * state, in this one step; a partition with nothing left is closed. Failed flushes wait {@code retryMillis}. What a
     * partition buffered meanwhile is flushed at once if it is due, full, or {@code drain} is set (a deleted stream).
     * Returns whether any finished.
     */
    boolean collect(DeliveryStream s, boolean drain, long now, long retryMillis, TimerService timers, Flights f,
            Collector<PendingObject> out) throws Exception {
        boolean any = false;
        for (PartitionFlight flight : new ArrayList<>(f.byPartition.values())) {
            if (!flight.running() || !flight.attempt.isDone()) {
                continue;
            }
            any = true;
            List<PendingObject> objects;
            try {
                objects = flight.attempt.join();
            } catch (CompletionException e) {
                failed(s, flight, e.getCause(), now, retryMillis, timers);
                continue;
            }
            for (PendingObject object : objects) {
                out.collect(object);
            }
            for (long n = flight.from; n < flight.to; n++) {
                chunks.remove(new PartitionSerializers.ChunkKey(flight.partition, n));
            }
            f.byPartition.remove(flight.partition);
            f.oldest = null;
            PartitionBuffer b = buffers.get(flight.partition).delivered(flight.to);
            if (b.first() == b.next()) {
                buffers.remove(flight.partition);
                openSet(f).remove(flight.partition);
                continue;
            }
            buffers.put(flight.partition, b);
            boolean dueOrFull = (b.dueAt() >= 0 && b.dueAt() <= now) || b.bytes() >= s.destination().bufferingHints().sizeBytes();
            if (drain || dueOrFull) {
                startFlush(s, flight.partition, f);
            }
        }
        return any;
    }

    /** The oldest arrival of the records the partitions hold, {@link Long#MAX_VALUE} if none. */
    long oldestArrival(Flights f) throws Exception {
        if (f.oldest == null) {
            long oldest = Long.MAX_VALUE;
            for (PartitionBuffer b : buffers.values()) {
                oldest = Math.min(oldest, b.oldestArrival());
            }
            for (PartitionFlight flight : f.byPartition.values()) {
                oldest = Math.min(oldest, flight.oldestArrival);
            }
            f.oldest = oldest;
        }
        return f.oldest;
    }

    /** Drops every partition of a deleted stream (all delivered). */
    void clear() throws Exception {
        buffers.clear();
        chunks.clear();
        due.clear();
    }

    /** Hands the partition's waiting chunks to a flush, unless one is in flight (it takes them when it is done or retried). */
    private void startFlush(DeliveryStream s, PartitionKeys p, Flights f) throws Exception {
        if (f.byPartition.containsKey(p)) {
            return;
        }
        PartitionBuffer b = buffers.get(p);
        if (b == null || !b.hasUntaken()) {
            return;
        }
        PartitionFlight flight = new PartitionFlight(p, b.taken(), b.next(), read(p, b.taken(), b.next()));
        taken(p, b);
        f.byPartition.put(p, flight);
        launch(s, flight);
    }

    /** Adds what the partition buffered after a failed flush to its retry. */
    private void takeUntaken(PartitionFlight flight) throws Exception {
        PartitionBuffer b = buffers.get(flight.partition);
        if (b != null && b.hasUntaken()) {
            flight.extend(b.next(), read(flight.partition, b.taken(), b.next()));
            taken(flight.partition, b);
        }
    }

    /** The partition's waiting chunks are taken: no interval runs for it until its next chunk. */
    private void taken(PartitionKeys p, PartitionBuffer b) throws Exception {
        if (b.dueAt() >= 0) {
            List<PartitionKeys> at = due.get(b.dueAt());
            if (at != null && at.remove(p)) {
                if (at.isEmpty()) {
                    due.remove(b.dueAt());
                } else {
                    due.put(b.dueAt(), at);
                }
            }
        }
        buffers.put(p, b.allTaken());
    }

    private void addDue(long at, PartitionKeys p, TimerService timers) throws Exception {
        List<PartitionKeys> at0 = due.get(at);
        List<PartitionKeys> list = at0 == null ? new ArrayList<>() : new ArrayList<>(at0);
        list.add(p);
        due.put(at, list);
        timers.registerProcessingTimeTimer(at);
    }

    private void launch(DeliveryStream s, PartitionFlight flight) {
        List<PartitionChunk> what = List.copyOf(flight.chunks);
        long oldest = flight.oldestArrival;
        if (flight.givenUp) {
            int attempts = flight.failures;
            String message = flight.lastError;
            flight.attempt = workers.submit(d -> d.writePartitionFailed(s, what, oldest, attempts, message));
        } else {
            flight.attempt = workers.submit(d -> d.writePartition(s, flight.partition, what, oldest));
        }
    }

    /**
     * A flush failed: it is tried again after {@code retryMillis}, or, once it has failed for the destination's
     * {@code DynamicPartitioning.RetryOptions.DurationInSeconds}, its records go to the error output at once.
     */
    private void failed(DeliveryStream s, PartitionFlight flight, Throwable cause, long now, long retryMillis, TimerService timers) {
        if (cause instanceof Error error) {
            throw error;
        }
        metrics.of(s.name()).deliveryFailed();
        flight.attempt = null;
        if (!flight.givenUp) {
            flight.failures++;
            flight.lastError = String.valueOf(cause.getMessage());
            flight.firstFailureAt = flight.firstFailureAt < 0 ? now : flight.firstFailureAt;
            long retryFor = s.destination().dynamicPartitioning().retryDurationInSeconds() * 1000L;
            if (now - flight.firstFailureAt >= retryFor) {
                LOG.warn("Delivery of {} records of a partition of {} failed for {} ms ({} attempts), more than its retry duration:"
                        + " writing them to the error output", flight.records, s.name(), now - flight.firstFailureAt, flight.failures, cause);
                flight.givenUp = true;
                launch(s, flight);
                return;
            }
        }
        flight.retryAt = now + retryMillis;
        LOG.warn("Delivery of {} records of a partition of {} failed (attempt {}); retrying at {}", flight.records, s.name(),
                flight.failures, flight.retryAt, cause);
        timers.registerProcessingTimeTimer(flight.retryAt);
    }

    /** The partition's chunks numbered {@code from} to {@code to} (exclusive), in order. */
    private List<PartitionChunk> read(PartitionKeys p, long from, long to) throws Exception {
        List<PartitionChunk> read = new ArrayList<>((int) Math.min(to - from, 1024));
        for (long n = from; n < to; n++) {
            PartitionChunk c = chunks.get(new PartitionSerializers.ChunkKey(p, n));
            if (c != null) {
                read.add(c);
            }
        }
        return read;
    }
}
