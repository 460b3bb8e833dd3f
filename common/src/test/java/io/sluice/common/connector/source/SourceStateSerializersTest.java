package io.sluice.common.connector.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The source's checkpointed state survives its serializers unchanged. */
class SourceStateSerializersTest {

    private static final ShardSplit FRESH = new ShardSplit("clicks", "shardId-000000000004",
            List.of("shardId-000000000001", "shardId-000000000002"), StartingPosition.atTimestamp(Instant.ofEpochMilli(1_700_000_000_123L)),
            null, 0, false);

    @Test
    void splitsRoundTrip() throws Exception {
        ShardSplitSerializer serializer = new ShardSplitSerializer();
        ShardSplit resumed = FRESH.after("49590338271490256608559692538361571095921575989136588898", 3);
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(FRESH))).isEqualTo(FRESH);
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(resumed))).isEqualTo(resumed);
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(resumed.asFinished())).finished()).isTrue();
    }

    @Test
    void enumeratorStateRoundTrips() throws Exception {
        EnumeratorStateSerializer serializer = new EnumeratorStateSerializer();
        EnumeratorState state = new EnumeratorState(Set.of("shardId-000000000003"), Set.of("shardId-000000000000", "shardId-000000000001"),
                List.of(FRESH), true);
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(state))).isEqualTo(state);
    }

    @Test
    void aRestoredSplitSkipsWhatItEmittedInsideAnAggregate() {
        ShardSplitState state = new ShardSplitState(FRESH.after("100", 1));
        assertThat(state.emitted("100", 0)).isTrue();
        assertThat(state.emitted("100", 1)).isTrue();
        assertThat(state.emitted("100", 2)).isFalse();
        assertThat(state.emitted("101", 0)).isFalse();
        state.emit("100", 2);
        assertThat(state.toSplit().lastSubSequence()).isEqualTo(2);
    }
}
