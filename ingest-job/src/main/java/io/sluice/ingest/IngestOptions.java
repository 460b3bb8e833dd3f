package io.sluice.ingest;

import io.sluice.common.account.AccountOptions;
import io.sluice.common.http.AckMode;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/** Configuration of the Streams service (the ingest job). Listed with defaults in README. */
public final class IngestOptions {

    public static final ConfigOption<AckMode> ACK_MODE =
            ConfigOptions.key("sluice.ack-mode")
                    .enumType(AckMode.class)
                    .defaultValue(AckMode.DURABLE)
                    .withDescription(
                            "DURABLE: answer a call only after the checkpoint holding its effects completed (no acknowledged"
                                    + " record is ever lost). ON_APPEND: answer at once; a crash may lose the last checkpoint"
                                    + " interval.");

    public static final ConfigOption<Integer> HTTP_ENDPOINTS =
            ConfigOptions.key("sluice.http.endpoints")
                    .intType()
                    .defaultValue(1)
                    .withDescription("Number of HTTP endpoints (source readers); endpoint i listens on sluice.http.port + i.");

    public static final ConfigOption<String> REGION = AccountOptions.REGION;

    public static final ConfigOption<String> ACCOUNT_ID = AccountOptions.ACCOUNT_ID;

    public static final ConfigOption<String> TOKEN_SECRET =
            ConfigOptions.key("sluice.token-secret")
                    .stringType()
                    .defaultValue("sluice-change-me")
                    .withDescription(
                            "Secret that signs shard iterators and NextTokens (tamper-evidence). Set your own in production;"
                                    + " all endpoints of a deployment must share it.");

    public static final ConfigOption<Duration> DEFAULT_RETENTION =
            ConfigOptions.key("sluice.streams.retention")
                    .durationType()
                    .defaultValue(Duration.ofHours(24))
                    .withDescription("Retention of new streams, in whole hours from 24 h to 8760 h; IncreaseStreamRetentionPeriod and"
                            + " DecreaseStreamRetentionPeriod change it per stream.");

    public static final ConfigOption<Duration> RETENTION_HOUR =
            ConfigOptions.key("sluice.streams.retention-hour")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription("How long one hour of retention lasts. Only tests shorten it, so that 24 h of retention pass in seconds.");

    public static final ConfigOption<Boolean> THROTTLING =
            ConfigOptions.key("sluice.streams.throttling")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription("Enforce the per-shard limits of PROVISIONED streams (ON_DEMAND streams are never throttled);"
                            + " false lifts them everywhere.");

    public static final ConfigOption<MemorySize> SHARD_WRITE_BYTES =
            ConfigOptions.key("sluice.shard.write-bytes-per-second")
                    .memoryType()
                    .defaultValue(MemorySize.parse("1 mb"))
                    .withDescription("Data and partition keys one shard of a PROVISIONED stream accepts per second.");

    public static final ConfigOption<Integer> SHARD_WRITE_RECORDS =
            ConfigOptions.key("sluice.shard.write-records-per-second")
                    .intType()
                    .defaultValue(1000)
                    .withDescription("Records one shard of a PROVISIONED stream accepts per second.");

    public static final ConfigOption<MemorySize> SHARD_READ_BYTES =
            ConfigOptions.key("sluice.shard.read-bytes-per-second")
                    .memoryType()
                    .defaultValue(MemorySize.parse("2 mb"))
                    .withDescription("Data one shard of a PROVISIONED stream returns per second; after a larger answer, reads wait"
                            + " until it is paid back.");

    public static final ConfigOption<Integer> SHARD_READ_CALLS =
            ConfigOptions.key("sluice.shard.read-calls-per-second")
                    .intType()
                    .defaultValue(5)
                    .withDescription("GetRecords calls (and, separately, GetShardIterator calls) one shard of a PROVISIONED stream"
                            + " serves per second.");

    public static final ConfigOption<Integer> SHARD_LIMIT =
            ConfigOptions.key("sluice.streams.shard-limit")
                    .intType()
                    .defaultValue(500)
                    .withDescription("Shard quota of the account: most open shards of all streams together"
                            + " (CreateStream, SplitShard, UpdateShardCount beyond it get LimitExceededException; DescribeLimits shows it).");

    public static final ConfigOption<Integer> ON_DEMAND_STREAM_LIMIT =
            ConfigOptions.key("sluice.streams.on-demand-stream-limit")
                    .intType()
                    .defaultValue(50)
                    .withDescription("Most ON_DEMAND streams the account may have (AWS's default quota; DescribeLimits shows it).");

    public static final ConfigOption<Duration> CREATE_DELAY =
            ConfigOptions.key("sluice.streams.create-delay")
                    .durationType()
                    .defaultValue(Duration.ZERO)
                    .withDescription("How long a new stream stays CREATING before it turns ACTIVE.");

    public static final ConfigOption<Duration> UPDATE_DELAY =
            ConfigOptions.key("sluice.streams.update-delay")
                    .durationType()
                    .defaultValue(Duration.ZERO)
                    .withDescription("How long a stream stays UPDATING after SplitShard, MergeShards or UpdateShardCount"
                            + " (the new shards take writes at once; another reshard waits for ACTIVE).");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            ConfigOptions.key("sluice.checkpoint-interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(100))
                    .withDescription(
                            "Checkpoint interval when execution.checkpointing.interval is not set. In DURABLE mode a put is"
                                    + " answered within about one interval.");

    private IngestOptions() {}
}
