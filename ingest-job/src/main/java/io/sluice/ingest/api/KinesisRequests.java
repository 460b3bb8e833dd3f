package io.sluice.ingest.api;

import io.sluice.common.wire.RequestReader;

/** Reads and validates the request of each {@link Action}: the router's one exhaustive switch. */
public final class KinesisRequests {

    private KinesisRequests() {}

    /**
     * @return a {@link StreamRequest}, or a {@link ListStreamsRequest} for ListStreams
     */
    public static Object read(Action action, RequestReader r, Tokens tokens, long now) {
        return switch (action) {
            case CREATE_STREAM -> CreateStreamRequest.read(r);
            case DELETE_STREAM -> DeleteStreamRequest.read(r);
            case DESCRIBE_STREAM -> DescribeStreamRequest.read(r);
            case DESCRIBE_STREAM_SUMMARY -> DescribeStreamSummaryRequest.read(r);
            case LIST_STREAMS -> ListStreamsRequest.read(r, tokens, now);
            case LIST_SHARDS -> ListShardsRequest.read(r, tokens, now);
            case PUT_RECORD -> PutRecordsRequest.readPutRecord(r);
            case PUT_RECORDS -> PutRecordsRequest.readPutRecords(r);
            case GET_SHARD_ITERATOR -> GetShardIteratorRequest.read(r);
            case GET_RECORDS -> GetRecordsRequest.read(r, tokens, now);
        };
    }
}
