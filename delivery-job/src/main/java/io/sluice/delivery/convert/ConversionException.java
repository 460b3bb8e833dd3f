package io.sluice.delivery.convert;

/**
 * A record that could not be converted, with the error code Firehose writes into its
 * {@code format-conversion-failed} document: {@link #PARSE_ERROR} when the record is not JSON objects,
 * {@link #MALFORMED_DATA} when a value does not fit its column's type.
 */
public final class ConversionException extends Exception {

    private static final long serialVersionUID = 1L;

    public static final String PARSE_ERROR = "DataFormatConversion.ParseError";
    public static final String MALFORMED_DATA = "DataFormatConversion.MalformedData";

    private final String code;

    public ConversionException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
