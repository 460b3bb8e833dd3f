package io.sluice.common.connector.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Polls the reader's shards with GetRecords on the fetcher thread: at most one call per shard every 200 ms (5 calls/s,
 * Kinesis's limit); an idle shard waits {@code idleMillis} between calls. The server decides the byte budget: a
 * throttled call (ProvisionedThroughputExceeded) backs off exponentially up to 10 s, as do other transient failures;
 * with a {@code readBytesPerSecond} budget, a large answer also waits for it before the next call (2 MiB/s keeps a
 * shard within AWS's read limit before AWS has to say so). A closed shard whose end is reached
 * (no next iterator) finishes its split, as does a shard that no longer exists, and the split of a
 * subscription that is no longer {@linkplain ActiveSubscriptions active}. A shard whose first answer is empty sends a
 * {@link FetchedRecord#firstAnswer} marker, so that it holds back the watermark; when {@linkplain #markingCaughtUp
 * marking caught-up shards}, every empty answer at the tip sends a {@link FetchedRecord#caughtUp} marker instead, with
 * the time the call was sent.
 */
final class ShardSplitReader implements SplitReader<FetchedRecord, ShardSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(ShardSplitReader.class);

    /** Least time between two GetRecords on one shard (AWS: 5 calls per second per shard). */
    static final long MIN_POLL_INTERVAL_MILLIS = 200;
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final KinesisClient kinesis;
    private final int maxRecords;
    private final long idleMillis;
    /** The shard's own byte budget per second, or 0 to leave it to the server's throttling. */
    private final long readBytesPerSecond;
    private final Map<String, Long> millisBehindLatest;
    /** The active subscriptions as the enumerator last said them (null: not said yet, read every split). */
    private final AtomicReference<Set<String>> activeSubscriptions;
    /** The splits being read, by split id. */
    private final Map<String, ShardReading> shards = new LinkedHashMap<>();
    private final Object wake = new Object();
    private boolean wakeRequested;
    private boolean markCaughtUp;

    ShardSplitReader(KinesisClient kinesis, int maxRecords, long idleMillis, long readBytesPerSecond,
            Map<String, Long> millisBehindLatest, AtomicReference<Set<String>> activeSubscriptions) {
        this.kinesis = kinesis;
        this.readBytesPerSecond = readBytesPerSecond;
        this.activeSubscriptions = activeSubscriptions;
        this.maxRecords = maxRecords;
        this.idleMillis = Math.max(idleMillis, MIN_POLL_INTERVAL_MILLIS);
        this.millisBehindLatest = millisBehindLatest;
    }

    /** Whether empty answers at a shard's tip send {@link FetchedRecord#caughtUp} markers (for arrival-time watermarks). */
    ShardSplitReader markingCaughtUp(boolean mark) {
        this.markCaughtUp = mark;
        return this;
    }

    /** A shard being polled: its split, current iterator, last record fetched and when it may be polled next. */
    private static final class ShardReading {
        final ShardSplit split;
        String iterator;
        String lastFetched;
        long nextPollAt;
        long backoff;
        boolean answered;

        ShardReading(ShardSplit split) {
            this.split = split;
        }
    }

    @Override
    public RecordsWithSplitIds<FetchedRecord> fetch() {
        RecordsBySplits.Builder<FetchedRecord> out = new RecordsBySplits.Builder<>();
        long now = System.currentTimeMillis();
        long earliest = Long.MAX_VALUE;
        boolean polled = false;
        boolean ended = endInactive(out);
        for (ShardReading shard : new ArrayList<>(shards.values())) {
            if (shard.nextPollAt > now) {
                earliest = Math.min(earliest, shard.nextPollAt);
                continue;
            }
            polled = true;
            poll(shard, now, out);
        }
        if (!polled && !ended) {
            pause(earliest == Long.MAX_VALUE ? 1_000 : earliest - now);
        }
        return out.build();
    }

    /** Ends the splits of subscriptions the enumerator no longer reads; whether there were any. */
    private boolean endInactive(RecordsBySplits.Builder<FetchedRecord> out) {
        Set<String> active = activeSubscriptions.get();
        if (active == null) {
            return false;
        }
        List<String> ended = new ArrayList<>();
        for (ShardReading shard : shards.values()) {
            if (!active.contains(shard.split.subscription())) {
                ended.add(shard.split.splitId());
            }
        }
        for (String id : ended) {
            LOG.info("Subscription of split {} ended; the split stops", id);
            shards.remove(id);
            millisBehindLatest.remove(id);
            out.addFinishedSplit(id);
        }
        return !ended.isEmpty();
    }

    private void poll(ShardReading shard, long now, RecordsBySplits.Builder<FetchedRecord> out) {
        String id = shard.split.splitId();
        try {
            if (shard.iterator == null) {
                shard.iterator = iterator(shard);
            }
            String iterator = shard.iterator;
            long sent = System.currentTimeMillis();
            GetRecordsResponse r = kinesis.getRecords(b -> b.shardIterator(iterator).limit(maxRecords));
            for (Record record : r.records()) {
                out.add(id, new FetchedRecord(id, record.sequenceNumber(), record.partitionKey(), record.data().asByteArrayUnsafe(),
                        record.approximateArrivalTimestamp().toEpochMilli()));
                shard.lastFetched = record.sequenceNumber();
            }
            if (r.millisBehindLatest() != null) {
                millisBehindLatest.put(id, r.millisBehindLatest());
            }
            shard.iterator = r.nextShardIterator();
            shard.backoff = 0;
            if (r.records().isEmpty() && shard.iterator != null) {
                if (markCaughtUp && Long.valueOf(0).equals(r.millisBehindLatest())) {
                    out.add(id, FetchedRecord.caughtUp(id, sent));
                } else if (!shard.answered) {
                    out.add(id, FetchedRecord.firstAnswer(id));
                }
            }
            shard.answered = true;
            if (shard.iterator == null) {
                shards.remove(id);
                millisBehindLatest.remove(id);
                out.addFinishedSplit(id);
                return;
            }
            long budgetWait = MIN_POLL_INTERVAL_MILLIS;
            if (readBytesPerSecond > 0) {
                long bytes = 0;
                for (Record record : r.records()) {
                    bytes += record.data().asByteArrayUnsafe().length;
                }
                // A 10 MiB answer at 2 MiB/s waits 5 s.
                budgetWait = Math.max(MIN_POLL_INTERVAL_MILLIS, bytes * 1000 / readBytesPerSecond);
            }
            shard.nextPollAt = now + (r.records().isEmpty() ? idleMillis : budgetWait);
        } catch (ExpiredIteratorException e) {
            shard.iterator = null; // the next poll asks for a new one after the last record fetched
            shard.nextPollAt = now + MIN_POLL_INTERVAL_MILLIS;
        } catch (ResourceNotFoundException e) {
            // The shard or its stream is gone (deleted): nothing more will come from it.
            LOG.warn("Shard {} of {} no longer exists; its split ends here", id, shard.split.streamName(), e);
            shards.remove(id);
            millisBehindLatest.remove(id);
            out.addFinishedSplit(id);
        } catch (SdkException e) {
            if (!transientFailure(e)) {
                throw e;
            }
            // Throttled, or the endpoint is busy or restarting: back off and poll the shard again.
            shard.backoff = Math.min(Math.max(shard.backoff * 2, MIN_POLL_INTERVAL_MILLIS), MAX_BACKOFF_MILLIS);
            shard.nextPollAt = now + shard.backoff + ThreadLocalRandom.current().nextLong(MIN_POLL_INTERVAL_MILLIS);
            if (!(e instanceof ProvisionedThroughputExceededException)) {
                LOG.warn("Reading shard {} of {} failed; retrying in {} ms", id, shard.split.streamName(), shard.backoff, e);
            }
        }
    }

    /** A new iterator: after the last record fetched, else at the split's resume point, else at its start. */
    private String iterator(ShardReading shard) {
        ShardSplit split = shard.split;
        GetShardIteratorRequest.Builder request = GetShardIteratorRequest.builder().streamName(split.streamName()).shardId(split.shardId());
        if (shard.lastFetched != null) {
            request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(shard.lastFetched);
        } else if (split.lastSequenceNumber() != null) {
            // At, not after: the rest of a KPL aggregate may be unread; the emitter skips what was emitted.
            request.shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(split.lastSequenceNumber());
        } else {
            switch (split.start().kind()) {
                case LATEST -> request.shardIteratorType(ShardIteratorType.LATEST);
                case TRIM_HORIZON -> request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                case AT_TIMESTAMP -> request.shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
                        .timestamp(Instant.ofEpochMilli(split.start().timestampMillis()));
            }
        }
        return kinesis.getShardIterator(request.build()).shardIterator();
    }

    /** Waits until a shard may be polled again, or until woken (new splits, shutdown). */
    private void pause(long millis) {
        synchronized (wake) {
            try {
                if (!wakeRequested && millis > 0) {
                    wake.wait(Math.min(millis, 1_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                wakeRequested = false;
            }
        }
    }

    /** Errors a later call may not see: throttling, limits, server errors, connection trouble. */
    private static boolean transientFailure(SdkException e) {
        if (e instanceof KinesisException k) {
            return k.statusCode() >= 500 || e instanceof ProvisionedThroughputExceededException || e instanceof LimitExceededException
                    || k.isThrottlingException();
        }
        return e instanceof SdkClientException && (e.retryable() || e.getCause() instanceof java.io.IOException);
    }

    @Override
    public void handleSplitsChanges(SplitsChange<ShardSplit> change) {
        if (change instanceof SplitsAddition<ShardSplit> addition) {
            for (ShardSplit split : addition.splits()) {
                shards.put(split.splitId(), new ShardReading(split));
            }
        }
    }

    @Override
    public void wakeUp() {
        synchronized (wake) {
            wakeRequested = true;
            wake.notifyAll();
        }
    }

    @Override
    public void close() {
        kinesis.close();
    }
}
