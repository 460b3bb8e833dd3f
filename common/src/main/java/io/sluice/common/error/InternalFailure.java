package io.sluice.common.error;

/** AWS error {@code InternalFailure} (HTTP 500): an unexpected failure inside Sluice. */
public final class InternalFailure extends ApiException {

    private static final long serialVersionUID = 1L;

    public InternalFailure(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 500;
    }
}
