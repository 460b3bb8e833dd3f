package io.sluice.common.error;

/**
 * An error that a Kinesis or Firehose API call answers with. The simple class name of each subclass
 * is the AWS error name sent as {@code __type} and {@code x-amzn-ErrorType}; the message is the
 * readable text. Stack traces are not captured: these are answers, not bugs.
 */
public abstract class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected ApiException(String message) {
        super(message, null, false, false);
    }

    /** The AWS error name, e.g. {@code ResourceNotFoundException}. */
    public String errorType() {
        return getClass().getSimpleName();
    }

    /** The HTTP status AWS answers this error with. */
    public int httpStatus() {
        return 400;
    }
}
