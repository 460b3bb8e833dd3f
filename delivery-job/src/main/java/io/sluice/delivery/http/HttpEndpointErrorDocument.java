package io.sluice.delivery.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What Firehose writes under the error output prefix ({@code http-endpoint-failed}) for a record an HTTP endpoint did
 * not take within the retry duration: one JSON document per line, {@code attemptsMade, arrivalTimestamp, errorCode,
 * errorMessage, attemptEndingTimestamp, rawData (base64)}, the error being the last attempt's. (AWS adds
 * {@code subsequenceNumber} and {@code dataId} for records read from a Kinesis stream; Direct PUT records have neither.)
 */
public record HttpEndpointErrorDocument(
        int attemptsMade, long arrivalTimestamp, String errorCode, String errorMessage, long attemptEndingTimestamp, byte[] rawData) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The document as one line of JSON, with its newline. */
    public byte[] toJsonLine() {
        ObjectNode doc = MAPPER.createObjectNode()
                .put("attemptsMade", attemptsMade)
                .put("arrivalTimestamp", arrivalTimestamp)
                .put("errorCode", errorCode)
                .put("errorMessage", errorMessage)
                .put("attemptEndingTimestamp", attemptEndingTimestamp)
                .put("rawData", Base64.getEncoder().encodeToString(rawData));
        try {
            return (MAPPER.writeValueAsString(doc) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
