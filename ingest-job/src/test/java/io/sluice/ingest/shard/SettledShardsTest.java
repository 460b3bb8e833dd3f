package io.sluice.ingest.shard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A changed shard settles when a checkpoint taken after the change completes, not before, and not by an earlier one. */
class SettledShardsTest {

    @Test
    void aChangeSettlesWithTheFirstCompletedCheckpointThatHoldsIt() {
        SettledShards shards = new SettledShards();
        assertThat(shards.settled("s/0/0")).isTrue();

        shards.changed("s/0/0");
        assertThat(shards.settled("s/0/0")).isFalse();
        assertThat(shards.settled("s/0/1")).isTrue();
        shards.snapshotTaken(7);
        shards.changed("s/0/1");
        shards.checkpointCompleted(6);
        assertThat(shards.settled("s/0/0")).isFalse();
        shards.checkpointCompleted(7);
        assertThat(shards.settled("s/0/0")).isTrue();
        // Changed after checkpoint 7's snapshot: 7 does not hold it.
        assertThat(shards.settled("s/0/1")).isFalse();

        // Checkpoint 8 is aborted; 9 completes and holds what 8 would have held.
        shards.snapshotTaken(8);
        shards.changed("s/0/2");
        shards.snapshotTaken(9);
        shards.checkpointCompleted(9);
        assertThat(shards.settled("s/0/1")).isTrue();
        assertThat(shards.settled("s/0/2")).isTrue();
    }
}
