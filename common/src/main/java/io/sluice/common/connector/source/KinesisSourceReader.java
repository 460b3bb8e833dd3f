package io.sluice.common.connector.source;

import io.sluice.common.connector.KinesisClientConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * A source reader over its shards: one fetcher thread polls them all, the emitter de-aggregates and
 * deserializes, and finished (closed, fully read) shards are reported to the enumerator so that their
 * children can start. Each shard has its own output, and so its own watermark generator (per-shard
 * watermarks, as Flink's Kafka source has per partition), from its first answer (records, or the
 * {@link FetchedRecord#firstAnswer} of an empty shard) until it is read to its end, when
 * {@code SourceReaderBase} releases it; with a {@link CaughtUpWatermark}, a caught-up shard's watermark follows the
 * clock. Publishes {@code millisBehindLatest} per shard (per subscription and shard when reading for subscriptions).
 * Splits of subscriptions that the enumerator says ended ({@link ActiveSubscriptions}) finish. The schema is
 * {@link KinesisDeserializationSchema#flush flushed} before each checkpoint (a table's error output).
 */
final class KinesisSourceReader<T> extends SingleThreadMultiplexSourceReaderBase<FetchedRecord, T, ShardSplit, ShardSplitState> {

    private final KinesisDeserializationSchema<T> schema;
    private final Map<String, Long> millisBehindLatest;
    private final AtomicReference<Set<String>> activeSubscriptions;
    private final Set<String> gauged = new HashSet<>();
    /** Finished splits, until a completed checkpoint has them (reader state after enumerator state). */
    private final Map<String, ShardSplit> finishedSplits = new HashMap<>();
    private final TreeMap<Long, Set<String>> finishedInCheckpoint = new TreeMap<>();
    /** The splits being read (added and not finished). */
    private final Set<String> reading = new HashSet<>();
    /** Whether the enumerator said that no shard is this reader's ({@link NoShards}) and no split came since. */
    private boolean shardless;
    /** Whether the output was marked idle since {@link #shardless} became true. */
    private boolean markedIdle;
    /** Completed when the enumerator's word arrives, so that a reader waiting for records is polled and can mark idleness. */
    private CompletableFuture<Void> word = new CompletableFuture<>();

    private KinesisSourceReader(KinesisDeserializationSchema<T> schema, Map<String, Long> millisBehindLatest,
            AtomicReference<Set<String>> activeSubscriptions, KinesisClientConfig clientConfig, int maxRecords, long idleMillis,
            long readBytesPerSecond, CaughtUpWatermark caughtUp, SourceReaderContext context) {
        super(() -> new ShardSplitReader(clientConfig.createClient(), maxRecords, idleMillis, readBytesPerSecond, millisBehindLatest,
                        activeSubscriptions)
                        .markingCaughtUp(caughtUp != null),
                new KinesisRecordEmitter<>(schema, caughtUp), new Configuration(), context);
        this.schema = schema;
        this.millisBehindLatest = millisBehindLatest;
        this.activeSubscriptions = activeSubscriptions;
    }

    static <T> KinesisSourceReader<T> create(KinesisDeserializationSchema<T> schema, KinesisClientConfig clientConfig,
            int maxRecords, long idleMillis, long readBytesPerSecond, CaughtUpWatermark caughtUp, SourceReaderContext context) {
        return new KinesisSourceReader<>(schema, new ConcurrentHashMap<>(), new AtomicReference<>(), clientConfig, maxRecords, idleMillis,
                readBytesPerSecond, caughtUp, context);
    }

    @Override
    public void start() {
        try {
            schema.open(new DeserializationSchema.InitializationContext() {
                @Override
                public MetricGroup getMetricGroup() {
                    return context.metricGroup();
                }

                @Override
                public UserCodeClassLoader getUserCodeClassLoader() {
                    return context.getUserCodeClassLoader();
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("Could not open the deserialization schema", e);
        }
        super.start();
    }

    @Override
    protected ShardSplitState initializedState(ShardSplit split) {
        String splitId = split.splitId();
        if (gauged.add(splitId)) {
            MetricGroup group = split.subscription().isEmpty() ? context.metricGroup() : context.metricGroup().addGroup("subscription", split.subscription());
            group.addGroup("shardId", split.shardId()).gauge("millisBehindLatest", () -> millisBehindLatest.getOrDefault(splitId, -1L));
        }
        return new ShardSplitState(split);
    }

    /** Restored splits that were finished are only reported again; the others are read. */
    @Override
    public void addSplits(List<ShardSplit> splits) {
        List<ShardSplit> toRead = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (ShardSplit split : splits) {
            if (split.finished()) {
                finishedSplits.put(split.splitId(), split);
                done.add(split.splitId());
            } else {
                toRead.add(split);
            }
        }
        if (!done.isEmpty()) {
            context.sendSourceEventToCoordinator(new ShardsFinished(done));
        }
        if (!toRead.isEmpty()) {
            toRead.forEach(split -> reading.add(split.splitId()));
            shardless = false;
            super.addSplits(toRead);
        }
    }

    /** A reader that owns no shard marks its output idle (its first split's watermark makes it active again). */
    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
        if (shardless && !markedIdle && reading.isEmpty()) {
            output.markIdle();
            markedIdle = true;
        }
        if (!shardless) {
            markedIdle = false;
        }
        return super.pollNext(output);
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        if (shardless && !markedIdle && reading.isEmpty()) {
            return CompletableFuture.completedFuture(null); // poll once more, to mark the output idle
        }
        CompletableFuture<Void> records = super.isAvailable();
        if (records.isDone()) {
            return records;
        }
        if (word.isDone()) {
            word = new CompletableFuture<>();
        }
        return records.applyToEither(word, ignored -> null);
    }

    /**
     * The reading splits, plus the finished ones not yet covered by a completed checkpoint: the
     * enumerator's state is taken before the readers', so its checkpoint may not know a shard finished;
     * a restored reader reports it again and the shard's children are not stuck behind it.
     */
    @Override
    public List<ShardSplit> snapshotState(long checkpointId) {
        try {
            schema.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Could not flush the deserialization schema before checkpoint " + checkpointId, e);
        }
        List<ShardSplit> splits = new ArrayList<>(super.snapshotState(checkpointId));
        splits.addAll(finishedSplits.values());
        finishedInCheckpoint.put(checkpointId, new HashSet<>(finishedSplits.keySet()));
        return splits;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        NavigableMap<Long, Set<String>> covered = finishedInCheckpoint.headMap(checkpointId, true);
        covered.values().forEach(ids -> ids.forEach(finishedSplits::remove));
        covered.clear();
    }

    /** The enumerator's word on which subscriptions are read: the fetcher ends the others' splits at its next round. */
    @Override
    public void handleSourceEvents(SourceEvent event) {
        if (event instanceof ActiveSubscriptions active) {
            activeSubscriptions.set(active.ids());
        } else if (event instanceof NoShards) {
            shardless = true;
            word.complete(null);
        } else {
            super.handleSourceEvents(event);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            schema.close();
        }
    }

    @Override
    protected ShardSplit toSplitType(String splitId, ShardSplitState state) {
        return state.toSplit();
    }

    @Override
    protected void onSplitFinished(Map<String, ShardSplitState> finished) {
        finished.forEach((id, state) -> finishedSplits.put(id, state.toSplit().asFinished()));
        reading.removeAll(finished.keySet());
        context.sendSourceEventToCoordinator(new ShardsFinished(new ArrayList<>(finished.keySet())));
    }
}
