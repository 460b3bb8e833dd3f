package io.sluice.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.error.ExpiredIteratorException;
import io.sluice.common.error.ExpiredNextTokenException;
import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.error.ResourceNotFoundException;
import io.sluice.common.error.ValidationException;
import io.sluice.common.model.HashKey;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KinesisRequestsTest {

    private final Tokens tokens = new Tokens("secret");
    private final long now = 1_795_459_460_000L;

    private Object read(Action action, String json) {
        return KinesisRequests.read(action, RequestReader.parse(json.getBytes(StandardCharsets.UTF_8), WireFormat.JSON),
                new RequestContext(tokens, "us-east-1", "000000000000", now));
    }

    @Test
    void everyTargetNamesItsAction() {
        for (Action a : Action.values()) {
            assertThat(Action.fromTarget("Kinesis_20131202." + a.operation())).isEqualTo(a);
        }
        assertThat(Action.fromTarget("Kinesis_20131202.Unknown")).isNull();
        assertThat(Action.fromTarget("Firehose_20150804.PutRecord")).isNull();
    }

    @Test
    void createStreamDefaultsLikeAws() {
        CreateStreamRequest onDemand = (CreateStreamRequest) read(Action.CREATE_STREAM,
                "{\"StreamName\":\"s\",\"StreamModeDetails\":{\"StreamMode\":\"ON_DEMAND\"}}");
        assertThat(onDemand.shardCount()).isEqualTo(4);
        assertThat(onDemand.mode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThatThrownBy(() -> read(Action.CREATE_STREAM, "{\"StreamName\":\"s\"}")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> read(Action.CREATE_STREAM, "{\"StreamName\":\"s\",\"ShardCount\":1,\"StreamModeDetails\":{\"StreamMode\":\"FAST\"}}"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("enum value set: [PROVISIONED, ON_DEMAND]");
    }

    @Test
    void putRecordsChecksEveryRecordAndComputesHashKeys() {
        PutRecordsRequest ok = (PutRecordsRequest) read(Action.PUT_RECORDS,
                "{\"StreamName\":\"s\",\"Records\":[{\"PartitionKey\":\"a\",\"Data\":\"\"},{\"PartitionKey\":\"b\",\"Data\":\"AA==\",\"ExplicitHashKey\":\"5\"}]}");
        assertThat(ok.entries()).hasSize(2);
        assertThat(ok.entries().get(0).hashKey()).isEqualTo(HashKey.ofPartitionKey("a"));
        assertThat(ok.entries().get(1).hashKey()).hasToString("5");
        assertThatThrownBy(() -> read(Action.PUT_RECORDS, "{\"StreamName\":\"s\",\"Records\":[{\"Data\":\"\"},{\"PartitionKey\":\"" + "k".repeat(257) + "\"}]}"))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("3 validation errors detected")
                .hasMessageContaining("'records.1.member.partitionKey'")
                .hasMessageContaining("'records.2.member.data'")
                .hasMessageContaining("'records.2.member.partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256");
        assertThatThrownBy(() -> read(Action.PUT_RECORDS, "{\"StreamName\":\"s\",\"Records\":[]}")).isInstanceOf(ValidationException.class);
        String mib = Base64.getEncoder().encodeToString(new byte[(1 << 20) + 1]);
        assertThatThrownBy(() -> read(Action.PUT_RECORD, "{\"StreamName\":\"s\",\"PartitionKey\":\"p\",\"Data\":\"" + mib + "\"}"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Member must have length less than or equal to 1048576");
    }

    /**
     * AWS counts a partition key against the 5 MiB by its UTF-8 bytes. Five records with 256-character
     * keys of "€" (3 bytes each in UTF-8, 1 in UTF-16) fill exactly 5 MiB; one byte more is refused. Counted
     * in characters the keys would weigh 2 560 bytes less and the over-size request would pass.
     */
    @Test
    void putRecordsCountsPartitionKeysInUtf8BytesAgainstTheFiveMebibytes() {
        String key = "€".repeat(256);
        int keyBytes = key.getBytes(StandardCharsets.UTF_8).length;
        int lastData = (int) (PutRecordsRequest.MAX_REQUEST_BYTES - 4L * PutRecordsRequest.MAX_DATA_BYTES - 5L * keyBytes);
        assertThat(keyBytes).isEqualTo(768);

        PutRecordsRequest atLimit = (PutRecordsRequest) read(Action.PUT_RECORDS, fiveRecords(key, lastData));
        assertThat(atLimit.entries()).hasSize(5);
        assertThat(atLimit.entries().get(4).data()).hasSize(lastData);
        assertThatThrownBy(() -> read(Action.PUT_RECORDS, fiveRecords(key, lastData + 1)))
                .isInstanceOf(InvalidArgumentException.class).hasMessage("Records size exceeds 5 MB limit");
    }

    /** Four records of 1 MiB and a fifth of {@code lastData} bytes, all under {@code key}. */
    private static String fiveRecords(String key, int lastData) {
        StringBuilder json = new StringBuilder("{\"StreamName\":\"s\",\"Records\":[");
        for (int i = 0; i < 5; i++) {
            int size = i < 4 ? PutRecordsRequest.MAX_DATA_BYTES : lastData;
            json.append(i == 0 ? "" : ",").append("{\"PartitionKey\":\"").append(key).append("\",\"Data\":\"")
                    .append(Base64.getEncoder().encodeToString(new byte[size])).append("\"}");
        }
        return json.append("]}").toString();
    }

    @Test
    void streamNameOrArnButNotTwoDifferentStreams() {
        assertThat(((DescribeStreamSummaryRequest) read(Action.DESCRIBE_STREAM_SUMMARY,
                "{\"StreamARN\":\"arn:aws:kinesis:us-east-1:000000000000:stream/s\"}")).streamName()).isEqualTo("s");
        assertThatThrownBy(() -> read(Action.DESCRIBE_STREAM_SUMMARY,
                "{\"StreamName\":\"t\",\"StreamARN\":\"arn:aws:kinesis:us-east-1:000000000000:stream/s\"}"))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> read(Action.DESCRIBE_STREAM_SUMMARY, "{\"StreamARN\":\"arn:aws:kinesis:eu-west-1:000000000000:stream/s\"}"))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> read(Action.DESCRIBE_STREAM_SUMMARY, "{\"StreamARN\":\"arn:aws:kinesis:us-east-1:123456789012:stream/s\"}"))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> read(Action.DESCRIBE_STREAM_SUMMARY, "{}"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Value null at 'streamName'");
    }

    @Test
    void iteratorsAreOpenedCheckedAndExpire() {
        String fresh = tokens.iterator(new ShardPosition("s", 2, 1, 0, 17, now - 1000));
        GetRecordsRequest r = (GetRecordsRequest) read(Action.GET_RECORDS, "{\"ShardIterator\":\"" + fresh + "\",\"Limit\":5}");
        assertThat(r.position()).isEqualTo(new ShardPosition("s", 2, 1, 0, 17, now - 1000));
        assertThat(r.limit()).isEqualTo(5);
        String old = tokens.iterator(new ShardPosition("s", 2, 1, 0, 17, now - 300_001));
        assertThatThrownBy(() -> read(Action.GET_RECORDS, "{\"ShardIterator\":\"" + old + "\"}")).isInstanceOf(ExpiredIteratorException.class);
        String forged = new Tokens("other").iterator(new ShardPosition("s", 2, 1, 0, 17, now));
        assertThatThrownBy(() -> read(Action.GET_RECORDS, "{\"ShardIterator\":\"" + forged + "\"}")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> read(Action.GET_RECORDS, "{\"ShardIterator\":\"" + fresh + "\",\"Limit\":10001}")).isInstanceOf(ValidationException.class);
    }

    @Test
    void listShardsNextTokenCarriesThePageAndExcludesOtherArguments() {
        String token = tokens.listShards(new Tokens.ListShardsPage("s", "shardId-000000000001", null, now - 10));
        ListShardsRequest next = (ListShardsRequest) read(Action.LIST_SHARDS, "{\"NextToken\":\"" + token + "\",\"MaxResults\":3}");
        assertThat(next.streamName()).isEqualTo("s");
        assertThat(next.exclusiveStartShardId()).isEqualTo("shardId-000000000001");
        assertThat(next.maxResults()).isEqualTo(3);
        assertThatThrownBy(() -> read(Action.LIST_SHARDS, "{\"NextToken\":\"" + token + "\",\"StreamName\":\"s\"}"))
                .isInstanceOf(InvalidArgumentException.class);
        String expired = tokens.listShards(new Tokens.ListShardsPage("s", "shardId-000000000001", null, now - 300_001));
        assertThatThrownBy(() -> read(Action.LIST_SHARDS, "{\"NextToken\":\"" + expired + "\"}")).isInstanceOf(ExpiredNextTokenException.class);
        assertThatThrownBy(() -> read(Action.LIST_SHARDS, "{\"StreamName\":\"s\",\"ShardFilter\":{\"Type\":\"AT_TIMESTAMP\"}}"))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void pageSizesAreCappedAsAwsCapsThem() {
        assertThat(((ListStreamsRequest) read(Action.LIST_STREAMS, "{}")).limit()).isEqualTo(100);
        assertThat(((ListStreamsRequest) read(Action.LIST_STREAMS, "{\"Limit\":10000}")).limit()).isEqualTo(100);
        assertThat(((ListShardsRequest) read(Action.LIST_SHARDS, "{\"StreamName\":\"s\",\"MaxResults\":10000}")).maxResults()).isEqualTo(1000);
        assertThat(((DescribeStreamRequest) read(Action.DESCRIBE_STREAM, "{\"StreamName\":\"s\",\"Limit\":10000}")).limit()).isEqualTo(100);
        assertThat(((DescribeStreamRequest) read(Action.DESCRIBE_STREAM, "{\"StreamName\":\"s\",\"Limit\":3}")).limit()).isEqualTo(3);
    }

    @Test
    void getShardIteratorNeedsWhatItsTypeNeeds() {
        assertThatThrownBy(() -> read(Action.GET_SHARD_ITERATOR,
                "{\"StreamName\":\"s\",\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"AFTER_SEQUENCE_NUMBER\"}"))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> read(Action.GET_SHARD_ITERATOR,
                "{\"StreamName\":\"s\",\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"AT_TIMESTAMP\"}"))
                .isInstanceOf(InvalidArgumentException.class);
        GetShardIteratorRequest at = (GetShardIteratorRequest) read(Action.GET_SHARD_ITERATOR,
                "{\"StreamName\":\"s\",\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"AT_TIMESTAMP\",\"Timestamp\":1506440188.749}");
        assertThat(at.timestampMillis()).isEqualTo(1_506_440_188_749L);
    }
}
