package io.sluice.delivery.buffer;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.error.ServiceUnavailableException;
import org.junit.jupiter.api.Test;

class DirectPutQuotaTest {

    private static final DirectPutQuota.Limits LIMITS = new DirectPutQuota.Limits(true, 100, 3, 1_000);

    @Test
    void aCallOverAnyLimitIsRefusedWholeAndTakesNothing() {
        DirectPutQuota quota = new DirectPutQuota(LIMITS, 0);
        assertThatThrownBy(() -> quota.admit(0, 101, 10)).isInstanceOf(ServiceUnavailableException.class).hasMessage("Slow down.");
        assertThatThrownBy(() -> quota.admit(0, 1, 1_001)).isInstanceOf(ServiceUnavailableException.class);
        // the refused calls took nothing: the whole second's budget is still there
        assertThatCode(() -> quota.admit(0, 100, 1_000)).doesNotThrowAnyException();
        assertThatThrownBy(() -> quota.admit(0, 1, 0)).isInstanceOf(ServiceUnavailableException.class);
    }

    @Test
    void requestsPerSecondCountCallsAndRefillOverTime() {
        DirectPutQuota quota = new DirectPutQuota(LIMITS, 0);
        quota.admit(0, 1, 1);
        quota.admit(0, 1, 1);
        quota.admit(0, 1, 1);
        assertThatThrownBy(() -> quota.admit(0, 1, 1)).isInstanceOf(ServiceUnavailableException.class);
        assertThatThrownBy(() -> quota.admit(333, 1, 1)).isInstanceOf(ServiceUnavailableException.class);
        assertThatCode(() -> quota.admit(334, 1, 1)).doesNotThrowAnyException(); // 3/s: one more call after a third of a second
    }
}
