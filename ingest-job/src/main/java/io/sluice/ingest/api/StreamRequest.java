package io.sluice.ingest.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A decoded, validated request about one stream; the catalog handles it under the stream's key. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@op")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CreateStreamRequest.class, name = "CreateStream"),
    @JsonSubTypes.Type(value = DeleteStreamRequest.class, name = "DeleteStream"),
    @JsonSubTypes.Type(value = DescribeStreamRequest.class, name = "DescribeStream"),
    @JsonSubTypes.Type(value = DescribeStreamSummaryRequest.class, name = "DescribeStreamSummary"),
    @JsonSubTypes.Type(value = ListShardsRequest.class, name = "ListShards"),
    @JsonSubTypes.Type(value = PutRecordsRequest.class, name = "PutRecords"),
    @JsonSubTypes.Type(value = GetShardIteratorRequest.class, name = "GetShardIterator"),
    @JsonSubTypes.Type(value = GetRecordsRequest.class, name = "GetRecords"),
    @JsonSubTypes.Type(value = TagStreamRequest.class, name = "TagStream"),
    @JsonSubTypes.Type(value = UntagStreamRequest.class, name = "UntagStream"),
    @JsonSubTypes.Type(value = ListTagsRequest.class, name = "ListTags"),
    @JsonSubTypes.Type(value = RetentionRequest.class, name = "Retention"),
    @JsonSubTypes.Type(value = UpdateStreamModeRequest.class, name = "UpdateStreamMode"),
    @JsonSubTypes.Type(value = SplitShardRequest.class, name = "SplitShard"),
    @JsonSubTypes.Type(value = MergeShardsRequest.class, name = "MergeShards"),
    @JsonSubTypes.Type(value = UpdateShardCountRequest.class, name = "UpdateShardCount"),
    @JsonSubTypes.Type(value = EnhancedMonitoringRequest.class, name = "EnhancedMonitoring")
})
public sealed interface StreamRequest
        permits ControlRequest,
                DescribeStreamRequest,
                DescribeStreamSummaryRequest,
                ListShardsRequest,
                PutRecordsRequest,
                GetShardIteratorRequest,
                GetRecordsRequest,
                ListTagsRequest {

    String streamName();
}
