package io.sluice.ingest.routing;

import io.sluice.common.http.CallRef;
import io.sluice.ingest.api.ListStreamsRequest;

/** A ListStreams call, broadcast to every catalog subtask; each answers with the streams it holds. */
public record ListStreamsQuery(CallRef ref, ListStreamsRequest request) {}
