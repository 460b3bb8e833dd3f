package io.sluice.delivery.s3;

/**
 * A valid Prefix or ErrorOutputPrefix could not be evaluated for one object: a partition key it names is
 * missing, or the evaluated prefix is longer than {@link ObjectKeys#MAX_EVALUATED_PREFIX_LENGTH}. Firehose
 * delivers such records to the error output instead; Sluice has no error output yet, so the buffer keeps them
 * and tries again (an UpdateDestination can mend the prefix), as after any failed delivery.
 */
public final class PrefixEvaluationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PrefixEvaluationException(String message) {
        super(message);
    }
}
