package io.sluice.delivery.api;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.wire.MemberChecks;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;

/**
 * A destination's {@code DynamicPartitioningConfiguration}: whether records are grouped into objects by their
 * partition keys, and {@code RetryOptions.DurationInSeconds} (0–7200, default 300), how long a partition's
 * delivery to its prefix is retried. AWS allows dynamic partitioning to be chosen only at CreateDeliveryStream:
 * an UpdateDestination can change the retry duration, never turn it on or off.
 */
public record DynamicPartitioning(boolean enabled, int retryDurationInSeconds) {

    public static final int DEFAULT_RETRY_SECONDS = 300;
    public static final DynamicPartitioning DISABLED = new DynamicPartitioning(false, DEFAULT_RETRY_SECONDS);

    /**
     * Reads the member (absent: {@code current}); range violations go to {@code v}. {@code Enabled} left out keeps
     * the current value.
     */
    static DynamicPartitioning read(RequestReader r, String path, DynamicPartitioning current, Violations v) {
        RequestReader config = r.struct("DynamicPartitioningConfiguration");
        if (config == null) {
            return current;
        }
        Boolean enabled = config.bool("Enabled");
        RequestReader retry = config.struct("RetryOptions");
        Integer duration = retry == null ? null : retry.integer("DurationInSeconds");
        MemberChecks.range(v, duration, path + ".dynamicPartitioningConfiguration.retryOptions.durationInSeconds", 0, 7200);
        return new DynamicPartitioning(enabled == null ? current.enabled : enabled,
                duration == null ? current.retryDurationInSeconds : duration);
    }

    /** UpdateDestination may not turn dynamic partitioning on or off. */
    void checkUpdateFrom(DynamicPartitioning current) {
        if (enabled != current.enabled) {
            throw new InvalidArgumentException(enabled
                    ? "Dynamic Partitioning can only be enabled when the Firehose stream is created."
                    : "Dynamic Partitioning can't be disabled once it is enabled on a Firehose stream.");
        }
    }
}
