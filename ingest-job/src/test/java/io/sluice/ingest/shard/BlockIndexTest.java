package io.sluice.ingest.shard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlockIndexTest {

    private static final int B = BlockIndex.BUCKET;

    @Test
    void findsTheBlockHoldingEachOffset() {
        // Bucket 3 holds blocks starting at 3B, 3B+10 and 3B+200.
        byte[] entry = null;
        for (long start : new long[] {3L * B, 3L * B + 10, 3L * B + 200}) {
            entry = BlockIndex.with(entry, start);
        }
        assertThat(BlockIndex.blockStart(entry, 3L * B)).isEqualTo(3L * B);
        assertThat(BlockIndex.blockStart(entry, 3L * B + 9)).isEqualTo(3L * B);
        assertThat(BlockIndex.blockStart(entry, 3L * B + 10)).isEqualTo(3L * B + 10);
        assertThat(BlockIndex.blockStart(entry, 3L * B + 199)).isEqualTo(3L * B + 10);
        assertThat(BlockIndex.blockStart(entry, 4L * B - 1)).isEqualTo(3L * B + 200);
        assertThat(BlockIndex.blockStart(null, 5)).isEqualTo(-1);
        assertThat(BlockIndex.bucketOf(4L * B - 1)).isEqualTo(3);
        assertThat(BlockIndex.bucketEnd(3L * B + 17)).isEqualTo(4L * B);
    }

    @Test
    void aRewriteFromAnEarlierOffsetDropsTheStartsAboveIt() {
        byte[] entry = BlockIndex.with(BlockIndex.with(BlockIndex.with(null, 0), 100), 300);
        entry = BlockIndex.with(entry, 100);
        assertThat(entry).hasSize(4);
        assertThat(BlockIndex.blockStart(entry, 350)).isEqualTo(100);
    }

    @Test
    void listsTheBlockStartsOfABucketInOrder() {
        long b = 3 * BlockIndex.BUCKET;
        byte[] entry = BlockIndex.with(BlockIndex.with(BlockIndex.with(null, b), b + 10), b + 511);
        assertThat(BlockIndex.blockStarts(entry, 3)).containsExactly(b, b + 10, b + 511);
        assertThat(BlockIndex.blockStarts(null, 3)).isEmpty();
    }
}
