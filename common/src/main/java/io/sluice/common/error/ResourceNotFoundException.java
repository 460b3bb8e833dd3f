package io.sluice.common.error;

/** AWS error {@code ResourceNotFoundException}: A stream, shard or consumer that does not exist. */
public final class ResourceNotFoundException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ResourceNotFoundException(String message) {
        super(message);
    }
}
