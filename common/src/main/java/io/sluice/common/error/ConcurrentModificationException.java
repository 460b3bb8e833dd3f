package io.sluice.common.error;

/**
 * AWS error {@code ConcurrentModificationException} (Firehose): the resource changed since the version
 * the caller named, e.g. UpdateDestination with a stale {@code CurrentDeliveryStreamVersionId}.
 */
public final class ConcurrentModificationException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ConcurrentModificationException(String message) {
        super(message);
    }
}
