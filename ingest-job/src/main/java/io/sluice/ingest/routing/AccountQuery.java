package io.sluice.ingest.routing;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sluice.common.http.CallRef;
import io.sluice.ingest.api.ListStreamsRequest;

/** A call about the whole account rather than one stream, answered by the StreamRegistry. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@query")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AccountQuery.ListStreams.class, name = "ListStreams"),
    @JsonSubTypes.Type(value = AccountQuery.DescribeLimits.class, name = "DescribeLimits")
})
public sealed interface AccountQuery {

    CallRef ref();

    /** ListStreams: a page of stream names and summaries. */
    record ListStreams(CallRef ref, ListStreamsRequest request) implements AccountQuery {}

    /** DescribeLimits: the account's quotas and their use. */
    record DescribeLimits(CallRef ref) implements AccountQuery {}
}
