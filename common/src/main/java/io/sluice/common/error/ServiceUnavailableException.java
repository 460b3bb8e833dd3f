package io.sluice.common.error;

/**
 * Firehose's AWS error {@code ServiceUnavailableException} (HTTP 503 from the HTTP layer; HTTP 400 for
 * a Direct PUT over the delivery stream's quota, as AWS answers it): the call may be retried with
 * backoff. Kinesis Data Streams' counterpart is {@link ServiceUnavailable}.
 */
public final class ServiceUnavailableException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public ServiceUnavailableException(String message) {
        this(message, 503);
    }

    private ServiceUnavailableException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The error AWS answers a Direct PUT over a delivery stream's throughput quota with. */
    public static ServiceUnavailableException overQuota(String message) {
        return new ServiceUnavailableException(message, 400);
    }

    @Override
    public int httpStatus() {
        return status;
    }
}
