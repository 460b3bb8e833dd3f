package io.sluice.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.ingest.catalog.ShardMetadata;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayPlanTest {

    private static ShardMetadata root(int index) {
        return new ShardMetadata(index, BigInteger.ZERO, BigInteger.ONE, null, null, 0, null);
    }

    private static ShardMetadata child(int index, int parent, Integer adjacent) {
        return ShardMetadata.child(index, BigInteger.ZERO, BigInteger.ONE, parent, adjacent, 0);
    }

    @Test
    void shardsJoinedBySplitsAndMergesShareALineageNamedByTheirLowestIndex() {
        // 0 split into 3 and 4; 1 and 2 untouched: three lineages.
        assertThat(ReplayPlan.lineages(List.of(root(0), root(1), root(2), child(3, 0, null), child(4, 0, null))))
                .isEqualTo(Map.of(0, 0, 1, 1, 2, 2, 3, 0, 4, 0));
        // then 4 merged with 1 into 5: 0's and 1's lineages become one.
        assertThat(ReplayPlan.lineages(List.of(root(0), root(1), root(2), child(3, 0, null), child(4, 0, null), child(5, 4, 1))))
                .isEqualTo(Map.of(0, 0, 1, 0, 2, 2, 3, 0, 4, 0, 5, 0));
        // a merge whose lower root comes in through the adjacent parent
        assertThat(ReplayPlan.lineages(List.of(root(0), root(1), child(2, 1, 0))))
                .isEqualTo(Map.of(0, 0, 1, 0, 2, 0));
    }

    @Test
    void aChildWhoseParentLeftTheMapIsALineageOfItsOwn() {
        // 0 split into 2 and 3, and 0 itself expired out of the catalog: 2 and 3 are independent now.
        assertThat(ReplayPlan.lineages(List.of(root(1), child(2, 0, null), child(3, 0, null))))
                .isEqualTo(Map.of(1, 1, 2, 2, 3, 3));
    }
}
