package io.sluice.common.error;

/** AWS error {@code ExpiredIteratorException}: A shard iterator older than five minutes. */
public final class ExpiredIteratorException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ExpiredIteratorException(String message) {
        super(message);
    }
}
