package io.sluice.ingest.replay;

/** A replay that cannot run as asked (bad path, unknown stream or shard, empty range, unknown target): its message says why. */
public final class ReplayException extends Exception {

    private static final long serialVersionUID = 1L;

    public ReplayException(String message) {
        super(message);
    }

    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
