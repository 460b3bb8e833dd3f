package io.sluice.ingest.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.common.http.ApiReply;
import io.sluice.common.http.CallRef;
import io.sluice.common.serialization.JacksonTypeInfo;
import io.sluice.common.wire.WireFormat;
import io.sluice.ingest.IngestSettings;
import io.sluice.ingest.api.CreateStreamRequest;
import io.sluice.ingest.api.SplitShardRequest;
import io.sluice.ingest.api.StreamMode;
import io.sluice.ingest.api.StreamRequest;
import io.sluice.ingest.routing.AccountQuery;
import io.sluice.ingest.routing.StreamCommand;
import io.sluice.ingest.shard.ShardLimits;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account's registry in Flink's operator harness: status timers, the account-wide quotas, one reshard at a time. */
class StreamRegistryTest {

    private static final IngestSettings SETTINGS = new IngestSettings("us-east-1", "000000000000", "secret", Duration.ofHours(24),
            Duration.ofHours(1), 6, 1, Duration.ofMillis(1_000), Duration.ofMillis(500), ShardLimits.AWS);

    private KeyedTwoInputStreamOperatorTestHarness<String, StreamCommand, AccountQuery, StreamChange> harness;
    private long callId;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new StreamRegistry(SETTINGS)),
                c -> StreamRegistry.ACCOUNT_KEY, q -> StreamRegistry.ACCOUNT_KEY, Types.STRING);
        // The job's own output serializer (the harness would otherwise copy outputs as POJOs).
        harness.setup(JacksonTypeInfo.of(StreamChange.class).createSerializer(new SerializerConfigImpl()));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aNewStreamTurnsActiveWhenItsCreateDelayIsOver() throws Exception {
        harness.setProcessingTime(10_000);
        call(new CreateStreamRequest("orders", 2, StreamMode.PROVISIONED, Map.of()));
        assertThat(changes()).singleElement().satisfies(c -> {
            assertThat(c.metadata().status()).isEqualTo(StreamStatus.CREATING);
            assertThat(c.ref()).isNotNull();
        });
        harness.setProcessingTime(10_999);
        assertThat(changes()).hasSize(1);
        harness.setProcessingTime(11_000);
        assertThat(changes()).hasSize(2);
        StreamChange activated = changes().get(1);
        assertThat(activated.metadata().status()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(activated.ref()).as("no call asked for it").isNull();
    }

    @Test
    void quotasCountEveryStream() throws Exception {
        call(new CreateStreamRequest("a", 2, StreamMode.PROVISIONED, Map.of()));
        call(new CreateStreamRequest("b", 3, StreamMode.PROVISIONED, Map.of()));
        call(new CreateStreamRequest("c", 2, StreamMode.PROVISIONED, Map.of()));
        call(new CreateStreamRequest("d", 1, StreamMode.ON_DEMAND, Map.of()));
        call(new CreateStreamRequest("e", 1, StreamMode.ON_DEMAND, Map.of()));
        assertThat(changes()).extracting(StreamChange::streamName).containsExactly("a", "b", "d");
        assertThat(errors()).containsExactly("LimitExceededException", "LimitExceededException");
        harness.processElement2(new StreamRecord<>(new AccountQuery.DescribeLimits(ref()), 0));
        JsonNode limits = WireFormat.JSON.mapper().readTree(lastReply().body());
        assertThat(limits.get("ShardLimit").asInt()).isEqualTo(6);
        assertThat(limits.get("OpenShardCount").asInt()).isEqualTo(6);
        assertThat(limits.get("OnDemandStreamCount").asInt()).isEqualTo(1);
        assertThat(limits.get("OnDemandStreamCountLimit").asInt()).isEqualTo(1);
    }

    @Test
    void oneReshardAtATimeWhileUpdating() throws Exception {
        harness.setProcessingTime(0);
        call(new CreateStreamRequest("s", 1, StreamMode.PROVISIONED, Map.of()));
        harness.setProcessingTime(1_000);
        harness.setProcessingTime(5_000);
        call(new SplitShardRequest("s", "shardId-000000000000", BigInteger.ONE.shiftLeft(127)));
        call(new SplitShardRequest("s", "shardId-000000000001", BigInteger.ONE.shiftLeft(64)));
        List<StreamChange> changes = changes();
        assertThat(changes.get(changes.size() - 1).metadata().status()).isEqualTo(StreamStatus.UPDATING);
        assertThat(changes.get(changes.size() - 1).metadata().openShardCount()).isEqualTo(2);
        assertThat(errors()).containsExactly("ResourceInUseException");
        harness.setProcessingTime(5_500);
        StreamChange done = changes().get(changes().size() - 1);
        assertThat(done.metadata().status()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(done.ref()).isNull();
    }

    @Test
    void closedShardsLeaveTheMapWhenTheirRecordsExpire() throws Exception {
        harness.setProcessingTime(0);
        call(new CreateStreamRequest("s", 1, StreamMode.PROVISIONED, Map.of()));
        harness.setProcessingTime(5_000);
        call(new SplitShardRequest("s", "shardId-000000000000", BigInteger.ONE.shiftLeft(127)));
        long expiry = 5_000 + Duration.ofHours(24).toMillis();
        harness.setProcessingTime(expiry - 1);
        assertThat(last().metadata().shards()).extracting(ShardMetadata::index).containsExactly(0, 1, 2);
        harness.setProcessingTime(expiry);
        StreamChange forgotten = last();
        assertThat(forgotten.metadata().shards()).extracting(ShardMetadata::index).containsExactly(1, 2);
        assertThat(forgotten.ref()).isNull();
    }

    private StreamChange last() {
        List<StreamChange> changes = changes();
        return changes.get(changes.size() - 1);
    }

    private void call(StreamRequest request) throws Exception {
        harness.processElement1(new StreamRecord<>(new StreamCommand(ref(), 0, request), 0));
    }

    private CallRef ref() {
        return new CallRef(0, 1, ++callId, WireFormat.JSON);
    }

    private List<StreamChange> changes() {
        return harness.extractOutputValues();
    }

    private List<String> errors() {
        return harness.getSideOutput(StreamRegistry.REPLIES).stream().map(StreamRecord::getValue)
                .filter(r -> r.errorType() != null).map(ApiReply::errorType).toList();
    }

    private ApiReply lastReply() {
        ApiReply last = null;
        for (StreamRecord<ApiReply> r : harness.getSideOutput(StreamRegistry.REPLIES)) {
            last = r.getValue();
        }
        return last;
    }
}
