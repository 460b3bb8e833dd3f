package io.sluice.delivery.buffer;

import io.sluice.common.error.ServiceUnavailableException;
import io.sluice.common.quota.TokenBucket;
import java.io.Serializable;

/**
 * One delivery stream's Direct PUT quota, as AWS enforces it: records, requests and bytes per second
 * across PutRecord and PutRecordBatch together, each a one-second {@link TokenBucket}. A call over any
 * of them is refused whole with {@code ServiceUnavailableException} ("Slow down."), which the AWS SDKs
 * retry with backoff. Buckets live in the subtask that owns the stream and start full after a restart.
 */
public final class DirectPutQuota {

    /** The per-delivery-stream limits ({@code sluice.firehose.quota.*}); {@code enabled = false} lifts them. */
    public record Limits(boolean enabled, long recordsPerSecond, long requestsPerSecond, long bytesPerSecond) implements Serializable {

        /** AWS's defaults in us-east-1: 500,000 records, 2,000 requests and 5 MiB per second. */
        public static final Limits AWS_DEFAULTS = new Limits(true, 500_000, 2_000, 5L * 1024 * 1024);
    }

    private final TokenBucket records;
    private final TokenBucket requests;
    private final TokenBucket bytes;

    DirectPutQuota(Limits limits, long nowMillis) {
        this.records = new TokenBucket(limits.recordsPerSecond(), nowMillis);
        this.requests = new TokenBucket(limits.requestsPerSecond(), nowMillis);
        this.bytes = new TokenBucket(limits.bytesPerSecond(), nowMillis);
    }

    /** Takes one request of {@code recordCount} records and {@code byteCount} bytes, or refuses it whole. */
    void admit(long nowMillis, int recordCount, long byteCount) {
        if (!requests.has(nowMillis, 1) || !records.has(nowMillis, recordCount) || !bytes.has(nowMillis, byteCount)) {
            throw new ServiceUnavailableException("Slow down.");
        }
        requests.charge(1);
        records.charge(recordCount);
        bytes.charge(byteCount);
    }
}
