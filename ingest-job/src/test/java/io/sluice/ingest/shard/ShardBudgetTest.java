package io.sluice.ingest.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.ingest.api.PutEntry;
import org.junit.jupiter.api.Test;

class ShardBudgetTest {

    private static final ShardLimits LIMITS = new ShardLimits(true, 1000, 10, 2000, 5);

    @Test
    void writesHoldOneSecondAndRefillAtTheRate() {
        ShardBudget budget = new ShardBudget(LIMITS, 0);
        for (int i = 0; i < 10; i++) {
            assertThat(budget.tryWrite(0, 10)).isTrue();
        }
        assertThat(budget.tryWrite(0, 10)).as("the 11th record in the same instant").isFalse();
        assertThat(budget.tryWrite(99, 10)).as("0.99 records refilled").isFalse();
        assertThat(budget.tryWrite(101, 10)).isTrue();
        assertThat(budget.tryWrite(10_000, 10)).isTrue();
        // After a long pause the bucket is full again, not fuller: 9 more records fit, the 10th does not.
        for (int i = 0; i < 9; i++) {
            assertThat(budget.tryWrite(10_000, 1)).isTrue();
        }
        assertThat(budget.tryWrite(10_000, 1)).isFalse();
    }

    @Test
    void bytesLimitWritesIndependentlyOfRecordsAndARefusedRecordCostsNothing() {
        ShardBudget budget = new ShardBudget(LIMITS, 0);
        assertThat(budget.tryWrite(0, 900)).isTrue();
        assertThat(budget.tryWrite(0, 200)).isFalse();
        assertThat(budget.tryWrite(0, 100)).as("a smaller record after a refused one still fits").isTrue();
        assertThat(budget.tryWrite(0, 1)).isFalse();
    }

    @Test
    void aLargeReadKeepsTheShardsReadersWaitingUntilItIsPaidBack() {
        ShardBudget budget = new ShardBudget(LIMITS, 0);
        assertThat(budget.tryRead(0)).isTrue();
        budget.read(10_000); // 5 s worth of 2,000 bytes/s, 2,000 of them prepaid
        assertThat(budget.tryRead(3_999)).isFalse();
        assertThat(budget.tryRead(4_001)).isTrue();
    }

    @Test
    void readCallsAndIteratorCallsHaveTheirOwnBudgets() {
        ShardBudget budget = new ShardBudget(LIMITS, 0);
        for (int i = 0; i < 5; i++) {
            assertThat(budget.tryRead(0)).isTrue();
        }
        assertThat(budget.tryRead(0)).isFalse();
        for (int i = 0; i < 5; i++) {
            assertThat(budget.tryOpenIterator(0)).isTrue();
        }
        assertThat(budget.tryOpenIterator(0)).isFalse();
        assertThat(budget.tryRead(200)).isTrue();
    }

    @Test
    void recordsCostTheirDataAndTheirKeysUtf8Bytes() {
        assertThat(ShardBudget.recordBytes(new PutEntry(0, "ab", new byte[10], null))).isEqualTo(12);
        assertThat(ShardBudget.recordBytes(new PutEntry(0, "é€😀", new byte[0], null))).isEqualTo(2 + 3 + 4);
    }
}
