package io.sluice.common.error;

/** AWS error {@code UnknownOperationException}: The X-Amz-Target names no operation this service supports. */
public final class UnknownOperationException extends ApiException {

    private static final long serialVersionUID = 1L;

    public UnknownOperationException(String message) {
        super(message);
    }
}
