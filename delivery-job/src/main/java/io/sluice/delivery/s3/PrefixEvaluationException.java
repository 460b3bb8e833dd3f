package io.sluice.delivery.s3;

/**
 * A valid Prefix or ErrorOutputPrefix could not be evaluated for one object: a partition key it names is
 * missing, or the evaluated prefix is longer than {@link ObjectKeys#MAX_EVALUATED_PREFIX_LENGTH}. The buffer keeps
 * such records and tries again (an UpdateDestination can mend the prefix), as after any failed delivery; a partition of a
 * dynamically partitioned stream goes to the error output once its {@code RetryOptions.DurationInSeconds} is over.
 */
public final class PrefixEvaluationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PrefixEvaluationException(String message) {
        super(message);
    }
}
