package io.sluice.ingest.api;

import io.sluice.common.wire.RequestReader;

/** Reads and validates the request of each {@link Action}: the router's one exhaustive switch. */
public final class KinesisRequests {

    private KinesisRequests() {}

    /**
     * @return a {@link StreamRequest}, or a {@link ListStreamsRequest} or {@link DescribeLimitsRequest} (account-wide)
     */
    public static Object read(Action action, RequestReader r, RequestContext context) {
        return switch (action) {
            case CREATE_STREAM -> CreateStreamRequest.read(r);
            case DELETE_STREAM -> DeleteStreamRequest.read(r, context);
            case DESCRIBE_STREAM -> DescribeStreamRequest.read(r, context);
            case DESCRIBE_STREAM_SUMMARY -> DescribeStreamSummaryRequest.read(r, context);
            case LIST_STREAMS -> ListStreamsRequest.read(r, context);
            case LIST_SHARDS -> ListShardsRequest.read(r, context);
            case PUT_RECORD -> PutRecordsRequest.readPutRecord(r, context);
            case PUT_RECORDS -> PutRecordsRequest.readPutRecords(r, context);
            case GET_SHARD_ITERATOR -> GetShardIteratorRequest.read(r, context);
            case GET_RECORDS -> GetRecordsRequest.read(r, context);
            case ADD_TAGS_TO_STREAM -> TagStreamRequest.readAddTagsToStream(r, context);
            case REMOVE_TAGS_FROM_STREAM -> UntagStreamRequest.readRemoveTagsFromStream(r, context);
            case LIST_TAGS_FOR_STREAM -> ListTagsRequest.readListTagsForStream(r, context);
            case TAG_RESOURCE -> TagStreamRequest.readTagResource(r, context);
            case UNTAG_RESOURCE -> UntagStreamRequest.readUntagResource(r, context);
            case LIST_TAGS_FOR_RESOURCE -> ListTagsRequest.readListTagsForResource(r, context);
            case INCREASE_STREAM_RETENTION_PERIOD -> RetentionRequest.read(r, context, true);
            case DECREASE_STREAM_RETENTION_PERIOD -> RetentionRequest.read(r, context, false);
            case UPDATE_STREAM_MODE -> UpdateStreamModeRequest.read(r, context);
            case SPLIT_SHARD -> SplitShardRequest.read(r, context);
            case MERGE_SHARDS -> MergeShardsRequest.read(r, context);
            case UPDATE_SHARD_COUNT -> UpdateShardCountRequest.read(r, context);
            case DESCRIBE_LIMITS -> DescribeLimitsRequest.read(r);
            case ENABLE_ENHANCED_MONITORING -> EnhancedMonitoringRequest.read(r, context, true);
            case DISABLE_ENHANCED_MONITORING -> EnhancedMonitoringRequest.read(r, context, false);
        };
    }
}
