package io.sluice.common.error;

/** AWS error {@code SerializationException}: The request body cannot be read: malformed JSON or CBOR, wrong types, unsupported content type. */
public final class SerializationException extends ApiException {

    private static final long serialVersionUID = 1L;

    public SerializationException(String message) {
        super(message);
    }
}
