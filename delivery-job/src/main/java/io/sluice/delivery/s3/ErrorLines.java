package io.sluice.delivery.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The error documents Firehose writes under an error output prefix, one JSON document per line: the members
 * every kind shares ({@code attemptsMade, arrivalTimestamp}, the error's code and message, {@code
 * attemptEndingTimestamp, rawData} in base64), to which each kind adds its own.
 */
public final class ErrorLines {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ErrorLines() {}

    /**
     * A document with the shared members; {@code codeMember} and {@code messageMember} name the error's members, which
     * differ between kinds ({@code errorCode} or {@code lastErrorCode}, ...).
     */
    public static ObjectNode document(int attemptsMade, long arrivalTimestamp, String codeMember, String errorCode,
            String messageMember, String errorMessage, long attemptEndingTimestamp, byte[] rawData) {
        return MAPPER.createObjectNode()
                .put("attemptsMade", attemptsMade)
                .put("arrivalTimestamp", arrivalTimestamp)
                .put(codeMember, errorCode)
                .put(messageMember, errorMessage)
                .put("attemptEndingTimestamp", attemptEndingTimestamp)
                .put("rawData", Base64.getEncoder().encodeToString(rawData));
    }

    /** The document as one line of JSON, with its newline. */
    public static byte[] line(ObjectNode document) {
        try {
            return (MAPPER.writeValueAsString(document) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
