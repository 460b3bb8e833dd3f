package io.sluice.common.error;

/** AWS error {@code LimitExceededException}: A quota is reached: shard quota, concurrent control operations, consumers. */
public final class LimitExceededException extends ApiException {

    private static final long serialVersionUID = 1L;

    public LimitExceededException(String message) {
        super(message);
    }
}
