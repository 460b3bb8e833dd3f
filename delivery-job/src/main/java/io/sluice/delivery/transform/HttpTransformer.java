package io.sluice.delivery.transform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A transformation behind an HTTP endpoint ({@code sluice.firehose.functions.NAME.url}): the Lambda event
 * JSON goes there by POST, the answer must be 200 with the Lambda response JSON, within five minutes
 * (AWS Lambda's longest run for Firehose). Anything else fails the call.
 */
final class HttpTransformer implements RecordTransformer {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    HttpTransformer(URI url) {
        this.url = url;
    }

    @Override
    public TransformResponse transform(TransformRequest request) throws Exception {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(url)
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(LambdaJson.request(request)))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The function at " + url + " answered HTTP " + response.statusCode());
        }
        if (response.body().length > RecordProcessing.MAX_PAYLOAD_BYTES) {
            throw new ResponseTooLargeException(response.body().length);
        }
        return LambdaJson.response(response.body());
    }

    /** An answer over Lambda's 6 MB payload limit. */
    static final class ResponseTooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        ResponseTooLargeException(long bytes) {
            super("The function's response of " + bytes + " bytes exceeds the 6 MB payload limit.");
        }
    }
}
