package io.sluice.common.connector.table;

import io.sluice.common.connector.source.StartingPosition;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** The options of the {@code 'connector' = 'kinesis'} table, named as in Flink's own Kinesis connector where they overlap. */
public final class KinesisConnectorOptions {

    public static final ConfigOption<String> STREAM =
            ConfigOptions.key("stream").stringType().noDefaultValue().withDescription("Name of the Kinesis stream.");

    public static final ConfigOption<String> REGION =
            ConfigOptions.key("aws.region").stringType().defaultValue("us-east-1").withDescription("AWS region of the stream.");

    public static final ConfigOption<String> ENDPOINT =
            ConfigOptions.key("aws.endpoint").stringType().noDefaultValue()
                    .withDescription("Endpoint of the Kinesis API, e.g. Sluice's http://localhost:4567 (default: AWS's).");

    public static final ConfigOption<String> ACCESS_KEY_ID =
            ConfigOptions.key("aws.credentials.basic.accesskeyid").stringType().noDefaultValue()
                    .withDescription("Static access key id (default: the AWS SDK's credentials chain).");

    public static final ConfigOption<String> SECRET_KEY =
            ConfigOptions.key("aws.credentials.basic.secretkey").stringType().noDefaultValue()
                    .withDescription("Static secret key, with aws.credentials.basic.accesskeyid.");

    public static final ConfigOption<StartingPosition.Kind> INIT_POS =
            ConfigOptions.key("scan.stream.initpos").enumType(StartingPosition.Kind.class).defaultValue(StartingPosition.Kind.LATEST)
                    .withDescription("Where reading starts on the job's first run: LATEST, TRIM_HORIZON or AT_TIMESTAMP.");

    public static final ConfigOption<String> INIT_POS_TIMESTAMP =
            ConfigOptions.key("scan.stream.initpos-timestamp").stringType().noDefaultValue()
                    .withDescription("The time for AT_TIMESTAMP: epoch seconds (fractions allowed) or ISO-8601, e.g. 2026-12-01T10:00:00Z.");

    public static final ConfigOption<Duration> DISCOVERY_INTERVAL =
            ConfigOptions.key("scan.shard.discovery.interval").durationType().defaultValue(Duration.ofSeconds(10))
                    .withDescription("How often the shard list is refreshed.");

    public static final ConfigOption<Integer> SINK_BATCH_MAX_SIZE =
            ConfigOptions.key("sink.batch.max-size").intType().defaultValue(500).withDescription("Records per PutRecords (1–500).");

    public static final ConfigOption<Integer> SINK_MAX_IN_FLIGHT =
            ConfigOptions.key("sink.requests.max-inflight").intType().defaultValue(50).withDescription("PutRecords calls in flight per writer.");

    public static final ConfigOption<Integer> SINK_MAX_BUFFERED =
            ConfigOptions.key("sink.requests.max-buffered").intType().defaultValue(10_000)
                    .withDescription("Records a writer buffers before it back-pressures.");

    public static final ConfigOption<Duration> SINK_FLUSH_TIMEOUT =
            ConfigOptions.key("sink.flush-buffer.timeout").durationType().defaultValue(Duration.ofSeconds(5))
                    .withDescription("Longest a record waits for its batch to fill.");

    private KinesisConnectorOptions() {}
}
