package io.sluice.delivery.partition;

/**
 * A {@code MetadataExtractionQuery} that Sluice cannot run: at parse time a query outside the supported jq
 * subset (refused at CreateDeliveryStream), at run time a record the query fails on (jq's own error text,
 * such as {@code Cannot index number with "a"}), which sends the record to the error output.
 */
public final class JqException extends Exception {

    private static final long serialVersionUID = 1L;

    public JqException(String message) {
        super(message, null, false, false);
    }
}
