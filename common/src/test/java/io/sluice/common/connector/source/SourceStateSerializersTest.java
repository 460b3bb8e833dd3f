package io.sluice.common.connector.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.memory.DataOutputSerializer;
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
        ShardSplit forSubscription = new ShardSplit("clicks", "shardId-000000000000", List.of(), StartingPosition.latest(), null, 0, false,
                "deliveries@1767000000000");
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(forSubscription))).isEqualTo(forSubscription);
        assertThat(forSubscription.splitId()).isEqualTo("deliveries@1767000000000/shardId-000000000000");
    }

    @Test
    void enumeratorStateRoundTrips() throws Exception {
        EnumeratorStateSerializer serializer = new EnumeratorStateSerializer();
        ShardSplit ofB = new ShardSplit("clicks", "shardId-000000000000", List.of(), StartingPosition.atTimestamp(Instant.ofEpochMilli(7)),
                null, 0, false, "b@7");
        EnumeratorState state = new EnumeratorState(List.of(
                new EnumeratorState.Subscription(new StreamSubscription("", "clicks", StartingPosition.latest()), Set.of("shardId-000000000003"),
                        Set.of("shardId-000000000000", "shardId-000000000001"), List.of(FRESH), true),
                new EnumeratorState.Subscription(new StreamSubscription("b@7", "clicks", StartingPosition.atTimestamp(Instant.ofEpochMilli(7))),
                        Set.of(), Set.of(), List.of(ofB), false),
                new EnumeratorState.Subscription(new StreamSubscription("old", null, null), Set.of(), Set.of(), List.of(), true)));
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(state))).isEqualTo(state);
        assertThat(serializer.getVersion()).isEqualTo(2);
    }

    @Test
    void versionOneStateOfTheSingleStreamSourceIsStillRead() throws Exception {
        // Version 1 of a split: stream, shard, parents, start kind and time, last sequence number (if any), last sub-sequence, finished.
        DataOutputSerializer split = new DataOutputSerializer(64);
        split.writeUTF("clicks");
        split.writeUTF("shardId-000000000004");
        split.writeInt(1);
        split.writeUTF("shardId-000000000001");
        split.writeByte(StartingPosition.Kind.TRIM_HORIZON.ordinal());
        split.writeLong(0);
        split.writeBoolean(true);
        split.writeUTF("100");
        split.writeLong(2);
        split.writeBoolean(false);
        ShardSplit read = new ShardSplitSerializer().deserialize(1, split.getCopyOfBuffer());
        assertThat(read).isEqualTo(new ShardSplit("clicks", "shardId-000000000004", List.of("shardId-000000000001"),
                StartingPosition.trimHorizon(), "100", 2, false));
        assertThat(read.subscription()).isEmpty();
        assertThat(read.splitId()).isEqualTo("shardId-000000000004");

        // Version 1 of the enumerator state: assigned, finished, pending (version-1 splits), discovered.
        DataOutputSerializer state = new DataOutputSerializer(64);
        state.writeInt(1);
        state.writeUTF("shardId-000000000003");
        state.writeInt(0);
        state.writeInt(1);
        state.write(split.getCopyOfBuffer());
        state.writeBoolean(true);
        EnumeratorState restored = new EnumeratorStateSerializer().deserialize(1, state.getCopyOfBuffer());
        assertThat(restored.subscriptions()).containsExactly(new EnumeratorState.Subscription(new StreamSubscription("", null, null),
                Set.of("shardId-000000000003"), Set.of(), List.of(read), true));
        assertThatThrownBy(() -> new EnumeratorStateSerializer().deserialize(3, new byte[0])).hasMessage("Unknown enumerator state version 3");
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
