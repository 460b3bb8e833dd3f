package io.sluice.bench;

/**
 * The measured part of a run: nothing before {@link #open()} (the warm-up) or after {@link #close()}
 * counts. Put acknowledgements count when they arrive inside the window; visibility counts for
 * records sent inside it.
 */
final class MeasuredWindow {

    private volatile long openedAt = Long.MAX_VALUE;
    private volatile long closedAt = Long.MAX_VALUE;

    void open() {
        openedAt = System.nanoTime();
    }

    void close() {
        closedAt = System.nanoTime();
    }

    boolean contains(long nanoTime) {
        return nanoTime >= openedAt && nanoTime < closedAt;
    }

    double seconds() {
        return (closedAt - openedAt) / 1e9;
    }
}
