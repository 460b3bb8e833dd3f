package io.sluice.common.connector.sink;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * The sink writers' backoff for failed records: each failure doubles it (100 ms first, 5 s at most),
 * a batch that fully succeeds resets it, and a delay is drawn from its upper half ("equal jitter"), so
 * that writers throttled together do not come back together. One backoff per writer, shared by its
 * concurrent batches: throttling seen by one slows them all.
 */
final class RetryBackoff {

    static final long FIRST_MILLIS = 100;
    static final long MAX_MILLIS = 5_000;

    /** Draws a value in {@code [0, bound]}; a test fixes it. */
    private final LongUnaryOperator jitter;
    private long backoffMillis;

    RetryBackoff() {
        this(bound -> ThreadLocalRandom.current().nextLong(bound + 1));
    }

    RetryBackoff(LongUnaryOperator jitter) {
        this.jitter = jitter;
    }

    /** Records a failure and returns how long to wait before the retry: in [backoff/2, backoff]. */
    synchronized long nextDelayMillis() {
        backoffMillis = Math.min(MAX_MILLIS, backoffMillis == 0 ? FIRST_MILLIS : backoffMillis * 2);
        return backoffMillis / 2 + jitter.applyAsLong(backoffMillis / 2);
    }

    /** A batch got through whole: the next failure starts from the first backoff again. */
    synchronized void reset() {
        backoffMillis = 0;
    }
}
