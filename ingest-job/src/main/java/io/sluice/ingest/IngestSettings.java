package io.sluice.ingest;

import io.sluice.common.model.StreamArn;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;

/** The ingest job's settings, read once from configuration and shipped with its functions. */
public record IngestSettings(
        String region, String accountId, String tokenSecret, Duration retention, int shardLimit, Duration createDelay)
        implements Serializable {

    public static IngestSettings from(Configuration conf) {
        return new IngestSettings(
                conf.get(IngestOptions.REGION),
                conf.get(IngestOptions.ACCOUNT_ID),
                conf.get(IngestOptions.TOKEN_SECRET),
                conf.get(IngestOptions.DEFAULT_RETENTION),
                conf.get(IngestOptions.SHARD_LIMIT),
                conf.get(IngestOptions.CREATE_DELAY));
    }

    public String streamArn(String streamName) {
        return StreamArn.of(region, accountId, streamName);
    }

    /** AWS's wording for a stream that does not exist. */
    public String notFound(String streamName) {
        return "Stream " + streamName + " under account " + accountId + " not found.";
    }

    public int retentionHours() {
        return (int) Math.max(1, retention.toHours());
    }
}
