package io.sluice.common.error;

/**
 * Firehose's AWS error {@code ServiceUnavailableException} (HTTP 503): the call may be retried with
 * backoff, as the AWS SDKs do; the HTTP layer's "too busy" and a Direct PUT over the delivery stream's
 * quota. Kinesis Data Streams' counterpart is {@link ServiceUnavailable}.
 */
public final class ServiceUnavailableException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ServiceUnavailableException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 503;
    }
}
