package io.sluice.common.wire;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.util.Locale;

/**
 * The two encodings of the AWS JSON protocol: JSON 1.1 (blobs base64, timestamps epoch seconds with a
 * fraction) and CBOR 1.1 (blobs as byte strings, timestamps as tag 1 + integer epoch milliseconds,
 * the AWS SDK for Java v2 default). A reply always uses the format of its request.
 */
public enum WireFormat {
    JSON("application/x-amz-json-1.1", new ObjectMapper()),
    CBOR("application/x-amz-cbor-1.1", new CBORMapper());

    private final String contentType;
    private final ObjectMapper mapper;

    WireFormat(String contentType, ObjectMapper mapper) {
        this.contentType = contentType;
        this.mapper = mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public String contentType() {
        return contentType;
    }

    /** A thread-safe mapper for this format. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * The format for a {@code Content-Type} header, or {@code null} when it is none of the AWS JSON
     * protocol's (plain {@code application/json} is read as JSON 1.1, as AWS does).
     */
    public static WireFormat fromContentType(String header) {
        if (header == null) {
            return null;
        }
        String type = header.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            type = type.substring(0, semicolon);
        }
        type = type.trim();
        switch (type) {
            case "application/x-amz-json-1.1":
            case "application/x-amz-json-1.0":
            case "application/json":
                return JSON;
            case "application/x-amz-cbor-1.1":
            case "application/cbor":
                return CBOR;
            default:
                return null;
        }
    }
}
