package io.sluice.ingest.shard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShardHeadTest {

    @Test
    void aNewWriterStartsANewEpochAtTheCurrentEnd() {
        ShardHead first = ShardHead.EMPTY.forWriter(11);
        assertThat(first.epoch()).isZero();
        ShardHead written = first.appended(80, 1000);
        assertThat(written.forWriter(11)).isSameAs(written);
        ShardHead second = written.forWriter(22);
        assertThat(second.epoch()).isEqualTo(1);
        assertThat(second.epochStarts()).containsExactly(0L, 80L);
    }

    @Test
    void positionsFromALostTimelineMoveBackToWhereTheNextEpochStarted() {
        // epoch 0 answered offsets up to 99, but only 0..79 were checkpointed; epoch 1 starts at 80
        ShardHead h = ShardHead.EMPTY.forWriter(1).appended(80, 0).forWriter(2).appended(130, 0);
        assertThat(h.resolve(0, 95)).as("old iterator beyond the rewrite point").isEqualTo(80);
        assertThat(h.resolve(0, 80)).isEqualTo(80);
        assertThat(h.resolve(0, 42)).as("positions below it are untouched").isEqualTo(42);
        assertThat(h.resolve(1, 120)).as("current epoch: as is").isEqualTo(120);
        assertThat(h.resolve(1, 500)).as("never beyond the end").isEqualTo(130);
        assertThat(h.resolve(-1, 0)).isZero();
    }

    @Test
    void keepsABoundedHistoryAndStaysSafeBeyondIt() {
        ShardHead h = ShardHead.EMPTY;
        for (int i = 0; i < ShardHead.MAX_EPOCHS + 10; i++) {
            h = h.forWriter(i + 1).appended(h.nextOffset() + 10, 0);
        }
        assertThat(h.epochStarts()).hasSize(ShardHead.MAX_EPOCHS);
        assertThat(h.firstKeptEpoch()).isEqualTo(10);
        // an epoch older than the history resolves against the oldest kept start: re-read, never skip
        assertThat(h.resolve(0, 10_000)).isEqualTo(100);
    }
}
