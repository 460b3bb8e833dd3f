package io.sluice.common.error;

/** AWS error {@code ValidationException}: A request member is missing or violates its constraint (length, pattern, range, enum). */
public final class ValidationException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ValidationException(String message) {
        super(message);
    }
}
