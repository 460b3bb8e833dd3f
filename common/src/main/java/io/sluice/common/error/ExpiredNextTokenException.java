package io.sluice.common.error;

/** AWS error {@code ExpiredNextTokenException}: A pagination token older than five minutes. */
public final class ExpiredNextTokenException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ExpiredNextTokenException(String message) {
        super(message);
    }
}
