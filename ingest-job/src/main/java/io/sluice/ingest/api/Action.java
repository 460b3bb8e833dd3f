package io.sluice.ingest.api;

import io.sluice.common.http.ApiAction;

/** Every Kinesis Data Streams action Sluice serves, by its {@code X-Amz-Target} name. */
public enum Action implements ApiAction {
    CREATE_STREAM("CreateStream"),
    DELETE_STREAM("DeleteStream"),
    DESCRIBE_STREAM("DescribeStream"),
    DESCRIBE_STREAM_SUMMARY("DescribeStreamSummary"),
    LIST_STREAMS("ListStreams"),
    LIST_SHARDS("ListShards"),
    PUT_RECORD("PutRecord"),
    PUT_RECORDS("PutRecords"),
    GET_SHARD_ITERATOR("GetShardIterator"),
    GET_RECORDS("GetRecords"),
    ADD_TAGS_TO_STREAM("AddTagsToStream"),
    REMOVE_TAGS_FROM_STREAM("RemoveTagsFromStream"),
    LIST_TAGS_FOR_STREAM("ListTagsForStream"),
    TAG_RESOURCE("TagResource"),
    UNTAG_RESOURCE("UntagResource"),
    LIST_TAGS_FOR_RESOURCE("ListTagsForResource"),
    INCREASE_STREAM_RETENTION_PERIOD("IncreaseStreamRetentionPeriod"),
    DECREASE_STREAM_RETENTION_PERIOD("DecreaseStreamRetentionPeriod"),
    UPDATE_STREAM_MODE("UpdateStreamMode"),
    SPLIT_SHARD("SplitShard"),
    MERGE_SHARDS("MergeShards"),
    UPDATE_SHARD_COUNT("UpdateShardCount"),
    DESCRIBE_LIMITS("DescribeLimits"),
    ENABLE_ENHANCED_MONITORING("EnableEnhancedMonitoring"),
    DISABLE_ENHANCED_MONITORING("DisableEnhancedMonitoring");

    /** The target prefix of the Kinesis Data Streams API version Sluice speaks. */
    public static final String TARGET_PREFIX = "Kinesis_20131202.";

    private final String operation;

    Action(String operation) {
        this.operation = operation;
    }

    @Override
    public String operation() {
        return operation;
    }

    /** The action named by an {@code X-Amz-Target} header, or {@code null}. */
    public static Action fromTarget(String target) {
        return ApiAction.fromTarget(target, TARGET_PREFIX, Action.class);
    }
}
