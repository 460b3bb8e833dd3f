package io.sluice.common.http;

import io.sluice.common.error.ApiException;
import io.sluice.common.wire.ReplyWriter;

/**
 * An answer travelling to the {@link ResponseSinkOperator}. A <em>final</em> reply carries the HTTP
 * status, the AWS error name (or {@code null}) and the encoded body. A <em>part</em> carries one of
 * {@code partCount} pieces of an answer that several operators build together (a PutRecords batch
 * spread over shards, a ListStreams over catalog subtasks); a {@link ReplyAssembler} joins the parts
 * of a kind once all have arrived. A <em>settled</em> reply reflects only state that a completed checkpoint already
 * holds (a read of records that no later change touched), so the sink answers it at once even in durable mode.
 */
public record ApiReply(
        CallRef ref, String partKind, int partCount, int status, String errorType, byte[] body, boolean settled) {

    /** A successful final reply. */
    public static ApiReply ok(CallRef ref, byte[] body) {
        return new ApiReply(ref, null, 1, 200, null, body, false);
    }

    /** This reply, marked as reflecting only state that a completed checkpoint holds. */
    public ApiReply asSettled() {
        return new ApiReply(ref, partKind, partCount, status, errorType, body, true);
    }

    /** A final error reply in the call's format. */
    public static ApiReply error(CallRef ref, ApiException e) {
        return new ApiReply(
                ref, null, 1, e.httpStatus(), e.errorType(),
                ReplyWriter.error(ref.format(), e.errorType(), e.getMessage()), false);
    }

    /** One of {@code partCount} parts of an answer of the given kind. */
    public static ApiReply part(CallRef ref, String partKind, int partCount, byte[] partBody) {
        return new ApiReply(ref, partKind, partCount, 200, null, partBody, false);
    }

    public boolean isPart() {
        return partKind != null;
    }
}
