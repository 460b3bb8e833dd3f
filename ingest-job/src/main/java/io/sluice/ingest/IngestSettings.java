package io.sluice.ingest;

import io.sluice.common.model.StreamArn;
import io.sluice.ingest.shard.ShardLimits;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;

/** The ingest job's settings, read once from configuration and shipped with its functions. */
public record IngestSettings(
        String region,
        String accountId,
        String tokenSecret,
        Duration retention,
        Duration retentionHour,
        int shardLimit,
        int onDemandStreamLimit,
        Duration createDelay,
        Duration updateDelay,
        ShardLimits shardLimits) implements Serializable {

    /** Shortest retention a stream may have (AWS: 24 hours). */
    public static final int MIN_RETENTION_HOURS = 24;

    /** Longest retention a stream may have (AWS: 365 days). */
    public static final int MAX_RETENTION_HOURS = 8760;

    public IngestSettings {
        long hours = retention.toHours();
        if (retention.toMillis() % Duration.ofHours(1).toMillis() != 0 || hours < MIN_RETENTION_HOURS || hours > MAX_RETENTION_HOURS) {
            throw new IllegalArgumentException("sluice.streams.retention must be whole hours from " + MIN_RETENTION_HOURS
                    + " h to " + MAX_RETENTION_HOURS + " h, not " + retention);
        }
        if (retentionHour.isZero() || retentionHour.isNegative()) {
            throw new IllegalArgumentException("sluice.streams.retention-hour must be positive, not " + retentionHour);
        }
    }

    public static IngestSettings from(Configuration conf) {
        return new IngestSettings(
                conf.get(IngestOptions.REGION),
                conf.get(IngestOptions.ACCOUNT_ID),
                conf.get(IngestOptions.TOKEN_SECRET),
                conf.get(IngestOptions.DEFAULT_RETENTION),
                conf.get(IngestOptions.RETENTION_HOUR),
                conf.get(IngestOptions.SHARD_LIMIT),
                conf.get(IngestOptions.ON_DEMAND_STREAM_LIMIT),
                conf.get(IngestOptions.CREATE_DELAY),
                conf.get(IngestOptions.UPDATE_DELAY),
                ShardLimits.from(conf));
    }

    public String streamArn(String streamName) {
        return StreamArn.of(region, accountId, streamName);
    }

    /** AWS's wording for a stream that does not exist. */
    public String notFound(String streamName) {
        return "Stream " + streamName + " under account " + accountId + " not found.";
    }

    /** Retention of new streams, in hours. */
    public int retentionHours() {
        return (int) retention.toHours();
    }

    /** How long a day lasts for AWS's per-day limits (24 of {@link IngestOptions#RETENTION_HOUR}). */
    public long dayMillis() {
        return retentionMillis(24);
    }

    /** How long a retention of {@code hours} lasts (see {@link IngestOptions#RETENTION_HOUR}). */
    public long retentionMillis(int hours) {
        return hours * retentionHour.toMillis();
    }
}
