package io.sluice.ingest.shard;

import org.apache.flink.streaming.api.TimerService;

/**
 * Keeps one shard within its stream's retention: a processing-time timer fires when the oldest
 * retained block falls out of it, the blocks older than the retention are removed (so the trim
 * horizon moves and the state shrinks), and the timer is set again for the next oldest block. At most
 * one timer per shard is pending; its time is the head's {@code trimDueMillis}.
 */
final class ShardRetention {

    private ShardRetention() {}

    /** After an append that arrived at {@code arrivalMillis}: the first block of an empty shard sets the timer. */
    static ShardHead appended(ShardHead h, long arrivalMillis, TimerService timers) {
        if (h.trimDueMillis() != 0) {
            return h;
        }
        long due = arrivalMillis + h.retentionMillis();
        timers.registerProcessingTimeTimer(due);
        return h.trimmedTo(h.trimOffset(), due);
    }

    /** The stream's retention is (now) {@code retentionMillis}: the pending trim moves with it. */
    static ShardHead retain(ShardHead h, long retentionMillis, ShardStore store, TimerService timers) throws Exception {
        if (h.retentionMillis() == retentionMillis) {
            return h;
        }
        if (h.trimDueMillis() == 0) {
            return h.withRetention(retentionMillis, 0);
        }
        timers.deleteProcessingTimeTimer(h.trimDueMillis());
        long oldest = store.arrivalAt(h.trimOffset());
        long due = (oldest < 0 ? h.trimDueMillis() - h.retentionMillis() : oldest) + retentionMillis;
        timers.registerProcessingTimeTimer(due);
        return h.withRetention(retentionMillis, due);
    }

    /** The timer for {@code timestamp} fired at {@code nowMillis}: trims, then sets the next timer. */
    static ShardHead due(ShardHead h, long timestamp, long nowMillis, ShardStore store, TimerService timers) throws Exception {
        if (timestamp != h.trimDueMillis()) {
            return h; // a timer the head no longer waits for
        }
        long trimOffset = store.trim(h.trimOffset(), h.nextOffset(), nowMillis - h.retentionMillis() + 1);
        long next = trimOffset < h.nextOffset() ? store.arrivalAt(trimOffset) : -1;
        long due = next < 0 ? 0 : Math.max(next + h.retentionMillis(), nowMillis + 1);
        if (due != 0) {
            timers.registerProcessingTimeTimer(due);
        }
        return h.trimmedTo(trimOffset, due);
    }
}
