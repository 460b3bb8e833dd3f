package io.sluice.common.http;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * The HTTP source has no real splits: each reader serves its own port and nothing is replayable (a
 * call in flight at a failure is answered with an error or its connection closes, and the client
 * retries). This type exists because FLIP-27 needs one; no split is ever created.
 */
public final class EndpointSplit implements SourceSplit {

    private final int index;

    public EndpointSplit(int index) {
        this.index = index;
    }

    public int index() {
        return index;
    }

    @Override
    public String splitId() {
        return "endpoint-" + index;
    }
}
