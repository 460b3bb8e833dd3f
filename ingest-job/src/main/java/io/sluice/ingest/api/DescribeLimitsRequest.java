package io.sluice.ingest.api;

import io.sluice.common.wire.RequestReader;

/** DescribeLimits: the account's shard quota and on-demand stream quota, and how much of each is used. */
public record DescribeLimitsRequest() {

    static DescribeLimitsRequest read(RequestReader r) {
        return new DescribeLimitsRequest();
    }
}
