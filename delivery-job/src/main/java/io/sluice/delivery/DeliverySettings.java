package io.sluice.delivery;

import io.sluice.common.account.AccountOptions;
import io.sluice.delivery.buffer.DirectPutQuota;
import io.sluice.delivery.convert.GlueCatalog;
import io.sluice.delivery.s3.BucketStoreFactory;
import io.sluice.delivery.transform.TransformFunctions;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.apache.flink.configuration.Configuration;

/** The delivery job's settings, read once from configuration and shipped with its functions. */
public record DeliverySettings(
        String region,
        String accountId,
        String clock,
        Duration createDelay,
        int deliveryStreamLimit,
        BucketStoreFactory buckets,
        DirectPutQuota.Limits directPutQuota,
        TransformFunctions functions,
        GlueCatalog glue,
        int flushThreads,
        int activePartitions,
        int deflateLevel) implements Serializable {

    public DeliverySettings {
        arrivalClock(clock); // fails early on a malformed clock
        if (flushThreads < 0) {
            throw new IllegalArgumentException("sluice.firehose.flush-threads must be 0 or more, not " + flushThreads);
        }
        if (deflateLevel < 1 || deflateLevel > 9) {
            throw new IllegalArgumentException("sluice.firehose.deflate-level must be 1 to 9, not " + deflateLevel);
        }
        if (activePartitions < 1) {
            throw new IllegalArgumentException("sluice.firehose.quota.active-partitions must be 1 or more, not " + activePartitions);
        }
    }

    /** Settings without Glue tables, whose flushes run on the buffer's own thread ({@code flushThreads} 0). */
    public DeliverySettings(String region, String accountId, String clock, Duration createDelay, int deliveryStreamLimit,
            BucketStoreFactory buckets, DirectPutQuota.Limits directPutQuota, TransformFunctions functions) {
        this(region, accountId, clock, createDelay, deliveryStreamLimit, buckets, directPutQuota, functions, GlueCatalog.none(), 0,
                DeliveryOptions.QUOTA_ACTIVE_PARTITIONS.defaultValue(), DeliveryOptions.DEFLATE_LEVEL.defaultValue());
    }

    /** Settings with AWS's default Direct PUT quotas and no transformation functions. */
    public DeliverySettings(String region, String accountId, String clock, Duration createDelay, int deliveryStreamLimit,
            BucketStoreFactory buckets) {
        this(region, accountId, clock, createDelay, deliveryStreamLimit, buckets, DirectPutQuota.Limits.AWS_DEFAULTS,
                TransformFunctions.none());
    }

    /**
     * Reads the settings. {@code sluice.region} and {@code sluice.account-id} are shared with the Streams
     * service (one account, one region).
     */
    public static DeliverySettings from(Configuration conf) {
        return new DeliverySettings(
                conf.get(AccountOptions.REGION),
                conf.get(AccountOptions.ACCOUNT_ID),
                conf.get(DeliveryOptions.CLOCK),
                conf.get(DeliveryOptions.CREATE_DELAY),
                conf.get(DeliveryOptions.DELIVERY_STREAM_LIMIT),
                BucketStoreFactory.from(conf),
                new DirectPutQuota.Limits(
                        conf.get(DeliveryOptions.THROTTLING),
                        conf.get(DeliveryOptions.QUOTA_RECORDS_PER_SECOND),
                        conf.get(DeliveryOptions.QUOTA_REQUESTS_PER_SECOND),
                        conf.get(DeliveryOptions.QUOTA_BYTES_PER_SECOND).getBytes()),
                TransformFunctions.from(conf),
                GlueCatalog.from(conf),
                conf.get(DeliveryOptions.FLUSH_THREADS),
                conf.get(DeliveryOptions.QUOTA_ACTIVE_PARTITIONS),
                conf.get(DeliveryOptions.DEFLATE_LEVEL));
    }

    /** These settings with {@code threads} flush threads per buffer subtask. */
    public DeliverySettings withFlushThreads(int threads) {
        return new DeliverySettings(region, accountId, clock, createDelay, deliveryStreamLimit, buckets, directPutQuota, functions, glue,
                threads, activePartitions, deflateLevel);
    }

    /** The clock that stamps arrival times. */
    public InstantSource arrivalClock() {
        return arrivalClock(clock);
    }

    private static InstantSource arrivalClock(String clock) {
        if (clock.equals("system")) {
            return InstantSource.system();
        }
        if (clock.startsWith("fixed:")) {
            return InstantSource.fixed(Instant.parse(clock.substring("fixed:".length())));
        }
        throw new IllegalArgumentException("sluice.firehose.clock must be 'system' or 'fixed:<ISO-8601 instant>', not '" + clock + "'");
    }

    public String deliveryStreamArn(String name) {
        return "arn:aws:firehose:" + region + ":" + accountId + ":deliverystream/" + name;
    }

    /** AWS's wording for a delivery stream that does not exist. */
    public String notFound(String name) {
        return "Firehose " + name + " under account " + accountId + " not found.";
    }
}
