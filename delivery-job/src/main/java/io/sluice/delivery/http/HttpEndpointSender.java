package io.sluice.delivery.http;

import io.sluice.delivery.api.HttpEndpointDestination;

/** Sends one request to an HTTP endpoint and judges its answer; a seam so that the retry logic is tested without a server. */
public interface HttpEndpointSender {

    /**
     * POSTs {@code body} (already compressed when the destination says GZIP) to the destination's URL with Firehose's
     * headers, and waits for the answer.
     *
     * @param sourceArn the delivery stream's ARN ({@code X-Amz-Firehose-Source-Arn})
     */
    Attempt send(HttpEndpointDestination destination, String sourceArn, String requestId, byte[] body) throws InterruptedException;
}
