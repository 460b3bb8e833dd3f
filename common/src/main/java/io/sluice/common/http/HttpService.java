package io.sluice.common.http;

import io.sluice.common.error.ApiException;
import io.sluice.common.error.ServiceUnavailable;
import io.sluice.common.error.ServiceUnavailableException;

/**
 * The AWS service an HTTP endpoint speaks for. It decides the names of the errors that the HTTP layer
 * answers by itself, before a call reaches the job: Kinesis Data Streams says
 * {@code ServiceUnavailable}, Firehose says {@code ServiceUnavailableException}.
 */
public enum HttpService {
    STREAMS,
    FIREHOSE;

    /** The service's name in lower case, as readers publish it ({@code streams}, {@code firehose}). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The service's "retry later" error (HTTP 503), with {@code message}. */
    public ApiException unavailable(String message) {
        return this == FIREHOSE ? new ServiceUnavailableException(message) : new ServiceUnavailable(message);
    }
}
