package io.sluice.common.error;

/** AWS error {@code ProvisionedThroughputExceededException}: A shard's read or write budget is spent. */
public final class ProvisionedThroughputExceededException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ProvisionedThroughputExceededException(String message) {
        super(message);
    }
}
