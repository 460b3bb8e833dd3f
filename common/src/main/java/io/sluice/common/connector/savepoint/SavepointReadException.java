package io.sluice.common.connector.savepoint;

/** A savepoint that cannot be read as asked (not a savepoint of the ingest job, no such stream, an empty range): the message says why. */
public final class SavepointReadException extends Exception {

    private static final long serialVersionUID = 1L;

    public SavepointReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
