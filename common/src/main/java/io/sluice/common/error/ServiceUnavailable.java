package io.sluice.common.error;

/**
 * AWS error {@code ServiceUnavailable} (HTTP 503): Sluice cannot take the call now (too many calls in
 * flight, shutting down, or no answer in time). The AWS SDKs retry it.
 */
public final class ServiceUnavailable extends ApiException {

    private static final long serialVersionUID = 1L;

    public ServiceUnavailable(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 503;
    }
}
