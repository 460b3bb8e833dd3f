package io.sluice.delivery.http;

/**
 * How one request to an HTTP endpoint went: delivered, or failed with AWS's error code and message (what the
 * error documents of {@code http-endpoint-failed} carry); a {@code permanent} failure (HTTP 413) is not retried.
 */
public record Attempt(boolean delivered, boolean permanent, String errorCode, String errorMessage) {

    static final Attempt DELIVERED = new Attempt(true, false, null, null);

    static Attempt failed(String errorCode, String errorMessage) {
        return new Attempt(false, false, errorCode, errorMessage);
    }

    static Attempt failedForGood(String errorCode, String errorMessage) {
        return new Attempt(false, true, errorCode, errorMessage);
    }
}
