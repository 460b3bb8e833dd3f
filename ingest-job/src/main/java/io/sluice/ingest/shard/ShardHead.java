package io.sluice.ingest.shard;

import java.util.ArrayList;
import java.util.List;

/**
 * The small per-shard state beside the records: the next offset to assign, the lowest offset that may
 * still be retained, the last arrival time (arrival times never go backwards within a shard, so
 * offsets are also in time order), and the shard's <em>epochs</em>.
 *
 * <p>An epoch starts when a new incarnation of the shard log (identified by {@code writer}) first
 * appends to the shard, i.e. after every restore. If the previous incarnation had answered appends
 * beyond the restored checkpoint (ON_APPEND mode, or a restore of an older savepoint), those offsets
 * are written again; the epoch in each sequence number keeps the numbers unique, and
 * {@link #resolve} moves a position from an older epoch back to where the next epoch started, so a
 * reader re-reads rather than skips. The last {@link #MAX_EPOCHS} epoch starts are kept.
 */
public record ShardHead(
        long nextOffset,
        long trimOffset,
        long lastArrivalMillis,
        int epoch,
        long writer,
        int firstKeptEpoch,
        List<Long> epochStarts,
        long retentionMillis,
        long trimDueMillis) {

    /** How many epoch starts a shard remembers. */
    public static final int MAX_EPOCHS = 64;

    public static final ShardHead EMPTY = new ShardHead(0, 0, 0, -1, 0, 0, List.of(), 0, 0);

    /** This head as seen by the writer incarnation {@code writer}: a new epoch if another one wrote last. */
    public ShardHead forWriter(long writerIncarnation) {
        if (writer == writerIncarnation && epoch >= 0) {
            return this;
        }
        List<Long> starts = new ArrayList<>(epochStarts);
        starts.add(nextOffset);
        int first = firstKeptEpoch;
        while (starts.size() > MAX_EPOCHS) {
            starts.remove(0);
            first++;
        }
        return new ShardHead(nextOffset, trimOffset, lastArrivalMillis, epoch + 1, writerIncarnation, first, List.copyOf(starts),
                retentionMillis, trimDueMillis);
    }

    public ShardHead appended(long newNextOffset, long arrivalMillis) {
        return new ShardHead(newNextOffset, trimOffset, arrivalMillis, epoch, writer, firstKeptEpoch, epochStarts,
                retentionMillis, trimDueMillis);
    }

    public ShardHead trimmedTo(long newTrimOffset) {
        return trimmedTo(newTrimOffset, trimDueMillis);
    }

    /** After a trim up to {@code newTrimOffset}; the next one is due at {@code dueMillis} (0: none). */
    public ShardHead trimmedTo(long newTrimOffset, long dueMillis) {
        return new ShardHead(nextOffset, newTrimOffset, lastArrivalMillis, epoch, writer, firstKeptEpoch, epochStarts,
                retentionMillis, dueMillis);
    }

    /** With another retention, the next trim due at {@code dueMillis} (0: none). */
    public ShardHead withRetention(long newRetentionMillis, long dueMillis) {
        return new ShardHead(nextOffset, trimOffset, lastArrivalMillis, epoch, writer, firstKeptEpoch, epochStarts,
                newRetentionMillis, dueMillis);
    }

    /**
     * Where a position taken in epoch {@code fromEpoch} really is now: if a later epoch started below
     * it, the offsets in between were rewritten by that epoch and the reader must continue at its
     * start. Never beyond {@link #nextOffset}.
     */
    public long resolve(int fromEpoch, long offset) {
        long resolved = offset;
        int next = Math.max(fromEpoch + 1, firstKeptEpoch);
        int index = next - firstKeptEpoch;
        if (index < epochStarts.size()) {
            resolved = Math.min(resolved, epochStarts.get(index));
        }
        return Math.min(resolved, nextOffset);
    }
}
