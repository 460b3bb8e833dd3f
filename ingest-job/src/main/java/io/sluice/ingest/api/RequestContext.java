package io.sluice.ingest.api;

import io.sluice.common.error.ResourceNotFoundException;
import io.sluice.common.model.StreamArn;

/**
 * What reading a request needs beyond its body: the token signer, the region and account that ARNs
 * must name, and the time of the call.
 */
public record RequestContext(Tokens tokens, String region, String accountId, long now) {

    /** The stream an ARN names, if the ARN is of this region and account; otherwise the stream is not found. */
    String ownStream(String arn) {
        String name = StreamArn.streamName(arn);
        if (name != null && !StreamArn.of(region, accountId, name).equals(arn.replaceFirst("^arn:aws[a-z-]*:", "arn:aws:"))) {
            throw new ResourceNotFoundException("Stream " + name + " under account " + accountId + " not found.");
        }
        return name;
    }
}
