package io.sluice.common.error;

/** AWS error {@code ResourceInUseException}: The resource is in use, or not in a state that allows the operation (e.g. not ACTIVE). */
public final class ResourceInUseException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ResourceInUseException(String message) {
        super(message);
    }
}
