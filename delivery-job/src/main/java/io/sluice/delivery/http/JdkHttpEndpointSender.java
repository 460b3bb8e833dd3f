package io.sluice.delivery.http;

import io.sluice.delivery.api.HttpEndpointDestination;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * {@link HttpEndpointSender} over the JDK's {@link HttpClient} (HTTP/1.1, no redirects followed, as AWS). The headers are
 * AWS's: {@code Content-Type: application/json}, {@code X-Amz-Firehose-Protocol-Version: 1.0},
 * {@code X-Amz-Firehose-Request-Id}, {@code X-Amz-Firehose-Source-Arn}, {@code X-Amz-Firehose-Access-Key} (when the
 * destination has one), {@code X-Amz-Firehose-Common-Attributes} (when it has some) and {@code Content-Encoding: gzip}
 * (with GZIP). An answer must come within {@link #RESPONSE_TIMEOUT}. Thread-safe.
 */
public final class JdkHttpEndpointSender implements HttpEndpointSender {

    /** How long an endpoint has to answer (AWS: 3 minutes). */
    public static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(3);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @Override
    public Attempt send(HttpEndpointDestination d, String sourceArn, String requestId, byte[] body) throws InterruptedException {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(d.url()))
                    .timeout(RESPONSE_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("X-Amz-Firehose-Protocol-Version", "1.0")
                    .header("X-Amz-Firehose-Request-Id", requestId)
                    .header("X-Amz-Firehose-Source-Arn", sourceArn);
            if (d.accessKey() != null) {
                request.header("X-Amz-Firehose-Access-Key", d.accessKey());
            }
            if (!d.commonAttributes().isEmpty()) {
                request.header("X-Amz-Firehose-Common-Attributes", HttpEndpointRequest.commonAttributesHeader(d.commonAttributes()));
            }
            if (d.contentEncoding() == HttpEndpointDestination.ContentEncoding.GZIP) {
                request.header("Content-Encoding", "gzip");
            }
        } catch (IllegalArgumentException e) {
            return Attempt.failedForGood("HttpEndpoint.InvalidRequest", "The request could not be made: " + e.getMessage());
        }
        try {
            HttpResponse<InputStream> response = http.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            byte[] answer;
            try (InputStream in = response.body()) {
                answer = in.readNBytes(HttpEndpointResponse.MAX_BODY_BYTES + 1);
            }
            return HttpEndpointResponse.evaluate(requestId, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), answer);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return Attempt.failed("HttpEndpoint.ConnectionFailed",
                    "Unable to connect to the destination endpoint. Contact the owner of the endpoint to resolve this issue.");
        } catch (HttpTimeoutException e) {
            return Attempt.failed("HttpEndpoint.RequestTimeout",
                    "The delivery timed out before a response was received and will be retried. If this error persists, contact the"
                            + " owner of the endpoint.");
        } catch (SSLException e) {
            return Attempt.failed("HttpEndpoint.SSLHandshakeFailure",
                    "Unable to complete an SSL Handshake with the endpoint. Contact the owner of the endpoint to resolve this issue.");
        } catch (IOException e) {
            return Attempt.failed("HttpEndpoint.ConnectionReset",
                    "Unable to maintain connection with the endpoint. Contact the owner of the endpoint to resolve this issue.");
        }
    }
}
