package io.sluice.common.connector.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writers' backoff: doubles from 100 ms to 5 s, jitter within its upper half, and a success starts it over. */
class RetryBackoffTest {

    @Test
    void doublesUpToTheCapWithTheLargestJitter() {
        RetryBackoff backoff = new RetryBackoff(bound -> bound);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            delays.add(backoff.nextDelayMillis());
        }
        assertThat(delays).containsExactly(100L, 200L, 400L, 800L, 1_600L, 3_200L, 5_000L, 5_000L);
    }

    @Test
    void theSmallestJitterWaitsHalfTheBackoff() {
        RetryBackoff backoff = new RetryBackoff(bound -> 0);
        assertThat(backoff.nextDelayMillis()).isEqualTo(50);
        assertThat(backoff.nextDelayMillis()).isEqualTo(100);
        assertThat(backoff.nextDelayMillis()).isEqualTo(200);
    }

    @Test
    void aSuccessStartsOverFromTheFirstBackoff() {
        RetryBackoff backoff = new RetryBackoff(bound -> bound);
        backoff.nextDelayMillis();
        backoff.nextDelayMillis();
        backoff.reset();
        assertThat(backoff.nextDelayMillis()).isEqualTo(RetryBackoff.FIRST_MILLIS);
    }

    @Test
    void randomJitterStaysWithinTheUpperHalf() {
        RetryBackoff backoff = new RetryBackoff();
        for (int i = 0; i < 1_000; i++) {
            backoff.reset();
            assertThat(backoff.nextDelayMillis()).isBetween(50L, 100L);
        }
    }
}
