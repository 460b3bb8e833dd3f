package io.sluice.delivery.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;

/**
 * Judges an HTTP endpoint's answer as AWS does: only status 200 with {@code Content-Type: application/json} and a body
 * {@code {"requestId": <the request's id>, "timestamp": <number>}} (and optionally {@code errorMessage}, nothing else)
 * delivers the records. Any other status is {@code HttpEndpoint.DestinationException} (413 is permanent, the others
 * are retried); a 200 that breaks the rules is {@code HttpEndpoint.InvalidResponseFromDestination}; a body over 1 MiB is
 * {@code HttpEndpoint.ResponseTooLarge}. The messages are AWS's.
 */
public final class HttpEndpointResponse {

    /** Largest answer body: 1 MiB. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Most characters of an answer body quoted in an error message. */
    static final int MAX_QUOTED_CHARS = 8192;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("requestId", "timestamp", "errorMessage");

    private HttpEndpointResponse() {}

    /**
     * @param contentType the answer's {@code Content-Type}, or {@code null}
     * @param body the answer body, at most {@link #MAX_BODY_BYTES} + 1 bytes of it
     */
    public static Attempt evaluate(String requestId, int status, String contentType, byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            return Attempt.failed("HttpEndpoint.ResponseTooLarge",
                    "The response received from the endpoint is too large. Contact the owner of the endpoint to resolve this issue.");
        }
        String text = quoted(body);
        if (status != 200) {
            String message = "The following response was received from the endpoint destination. " + status + ": " + text;
            return status == 413
                    ? Attempt.failedForGood("HttpEndpoint.DestinationException", message)
                    : Attempt.failed("HttpEndpoint.DestinationException", message);
        }
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json") || !valid(body, requestId)) {
            return Attempt.failed("HttpEndpoint.InvalidResponseFromDestination",
                    "The response received from the specified endpoint is invalid. Contact the owner of the endpoint to resolve the"
                            + " issue. Response for request " + requestId + " is not recognized as valid JSON or has unexpected"
                            + " fields. Raw response received: " + status + " " + text);
        }
        return Attempt.DELIVERED;
    }

    private static boolean valid(byte[] body, String requestId) {
        try {
            JsonNode answer = JSON.readTree(body);
            if (answer == null || !answer.isObject()) {
                return false;
            }
            for (Iterator<String> names = answer.fieldNames(); names.hasNext(); ) {
                if (!FIELDS.contains(names.next())) {
                    return false;
                }
            }
            JsonNode id = answer.get("requestId");
            JsonNode timestamp = answer.get("timestamp");
            return id != null && id.isTextual() && id.asText().equals(requestId) && timestamp != null && timestamp.isIntegralNumber();
        } catch (IOException e) {
            return false;
        }
    }

    private static String quoted(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > MAX_QUOTED_CHARS ? text.substring(0, MAX_QUOTED_CHARS) : text;
    }
}
