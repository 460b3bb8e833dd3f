package io.sluice.common.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SequenceNumberTest {

    @Test
    void encodesStreamShardAndOffsetAndReadsThemBack() {
        long tag = SequenceNumber.streamTag("orders", 3);
        String text = SequenceNumber.format(tag, 12, 7, 987_654_321L);
        assertThat(text).hasSize(SequenceNumber.LENGTH).matches("[1-9]\\d*");
        SequenceNumber parsed = SequenceNumber.parse(text);
        assertThat(parsed.streamTag()).isEqualTo(tag);
        assertThat(parsed.shardIndex()).isEqualTo(12);
        assertThat(parsed.epoch()).isEqualTo(7);
        assertThat(parsed.offset()).isEqualTo(987_654_321L);
    }

    @Test
    void strictlyIncreasingWithinAShardAsNumbersAndAsStrings() {
        long tag = SequenceNumber.streamTag("s", 1);
        String previous = SequenceNumber.format(tag, 0, 0, 0);
        for (long offset : new long[] {1, 9, 10, 99, 100, 1_000_000, Long.MAX_VALUE}) {
            String next = SequenceNumber.format(tag, 0, 0, offset);
            assertThat(new BigInteger(next)).isGreaterThan(new BigInteger(previous));
            assertThat(next.compareTo(previous)).isPositive();
            previous = next;
        }
        // a later epoch that rewrites lower offsets still numbers them higher
        String rewritten = SequenceNumber.format(tag, 0, 1, 5);
        assertThat(new BigInteger(rewritten)).isGreaterThan(new BigInteger(SequenceNumber.format(tag, 0, 0, 1_000_000)));
    }

    @Test
    void incarnationsOfAStreamGetDifferentTags() {
        assertThat(SequenceNumber.streamTag("s", 1)).isNotEqualTo(SequenceNumber.streamTag("s", 2));
        assertThat(SequenceNumber.streamTag("s", 1)).isBetween(0L, 999_999_999_999L);
    }

    @Test
    void foreignNumbersAreNotParsed() {
        assertThat(SequenceNumber.parse("49590338271490256608559692538361571095921575989136588898")).isNull();
        assertThat(SequenceNumber.parse("1")).isNull();
        assertThat(SequenceNumber.parse(null)).isNull();
        assertThat(SequenceNumber.parse("4" + "0".repeat(30) + "99999999999999999999")).isNull();
    }
}
