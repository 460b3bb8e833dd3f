package io.sluice.common.connector.sink;

import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Which failed AWS SDK calls a sink sends again: throttling, server errors and lost connections, never a bad request. */
public final class AwsErrors {

    /** Kinesis Data Streams' throttling errors, which come with status 400. */
    public static final Set<String> KINESIS_THROTTLING = Set.of("ProvisionedThroughputExceededException", "LimitExceededException",
            "KMSThrottlingException");

    private AwsErrors() {}

    /**
     * True for a 5xx or 429 answer, an answer whose error code is one of {@code throttlingCodes} (a
     * service's own 400-status throttling errors), and connection trouble (the endpoint may be
     * restarting); false for missing credentials, bad requests and missing resources.
     */
    public static boolean isRetryable(Throwable error, Set<String> throttlingCodes) {
        if (error instanceof AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            return e.statusCode() >= 500 || e.statusCode() == 429 || (code != null && throttlingCodes.contains(code));
        }
        return error instanceof SdkClientException e && (e.retryable() || e.getCause() instanceof IOException);
    }
}
