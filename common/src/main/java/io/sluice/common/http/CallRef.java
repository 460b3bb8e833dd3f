package io.sluice.common.http;

import io.sluice.common.wire.WireFormat;

/**
 * Identifies one API call on its way through the job graph: which source reader accepted it
 * ({@code origin}, its subtask index), which incarnation of that reader ({@code endpoint}, random per
 * reader start, so answers for a previous incarnation are dropped), the call's number there, and the
 * wire format its answer must use.
 */
public record CallRef(int origin, long endpoint, long callId, WireFormat format) {}
