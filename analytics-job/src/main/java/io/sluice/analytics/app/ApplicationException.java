package io.sluice.analytics.app;

/** An application that cannot run as written: its message names the file and line and says what is wrong. */
public class ApplicationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ApplicationException(String message) {
        super(message);
    }

    public ApplicationException(String message, Throwable cause) {
        super(message, cause);
    }
}
