package io.sluice.delivery.transform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What Firehose writes under the error output prefix for a record that failed processing: one JSON
 * document per line, {@code attemptsMade, arrivalTimestamp, errorCode, errorMessage,
 * attemptEndingTimestamp, rawData (base64), lambdaArn}}; {@code lambdaArn} is left out for a record that no
 * function saw (one that failed dynamic partitioning without a Lambda processor).
 */
public record ErrorDocument(
        int attemptsMade, long arrivalTimestamp, String errorCode, String errorMessage, long attemptEndingTimestamp,
        byte[] rawData, String lambdaArn) {

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
        if (lambdaArn != null) {
            doc.put("lambdaArn", lambdaArn);
        }
        try {
            return (MAPPER.writeValueAsString(doc) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
