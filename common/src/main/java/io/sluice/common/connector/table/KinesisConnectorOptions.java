package io.sluice.common.connector.table;

import io.sluice.common.connector.source.StartingPosition;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/**
 * The options of the {@code 'connector' = 'kinesis'} table, named as in Flink's own Kinesis connector where they overlap;
 * those it shares with the {@code firehose} table are in {@link AwsConnectorOptions}.
 */
public final class KinesisConnectorOptions {

    public static final ConfigOption<String> STREAM =
            ConfigOptions.key("stream").stringType().noDefaultValue().withDescription("Name of the Kinesis stream.");

    public static final ConfigOption<String> REGION = AwsConnectorOptions.REGION;

    public static final ConfigOption<String> ENDPOINT = AwsConnectorOptions.ENDPOINT;

    public static final ConfigOption<String> ACCESS_KEY_ID = AwsConnectorOptions.ACCESS_KEY_ID;

    public static final ConfigOption<String> SECRET_KEY = AwsConnectorOptions.SECRET_KEY;

    public static final ConfigOption<StartingPosition.Kind> INIT_POS =
            ConfigOptions.key("scan.stream.initpos").enumType(StartingPosition.Kind.class).defaultValue(StartingPosition.Kind.LATEST)
                    .withDescription("Where reading starts on the job's first run: LATEST, TRIM_HORIZON or AT_TIMESTAMP.");

    public static final ConfigOption<String> INIT_POS_TIMESTAMP =
            ConfigOptions.key("scan.stream.initpos-timestamp").stringType().noDefaultValue()
                    .withDescription("The time for AT_TIMESTAMP: epoch seconds (fractions allowed) or ISO-8601, e.g. 2026-12-01T10:00:00Z.");

    public static final ConfigOption<Duration> DISCOVERY_INTERVAL =
            ConfigOptions.key("scan.shard.discovery.interval").durationType().defaultValue(Duration.ofSeconds(10))
                    .withDescription("How often the shard list is refreshed.");

    public static final ConfigOption<MemorySize> READ_RATE =
            ConfigOptions.key("scan.shard.read-rate").memoryType().noDefaultValue()
                    .withDescription("A shard's read budget per second, kept by the reader itself (e.g. 2mb, AWS's per-shard limit). "
                            + "Without it the server paces the reading: Sluice throttles PROVISIONED streams as AWS does, and a "
                            + "throttled call backs off.");

    public static final ConfigOption<String> SAVEPOINT_PATH =
            ConfigOptions.key("scan.savepoint.path").stringType().noDefaultValue()
                    .withDescription("A savepoint of Sluice's ingest job: the table is then bounded and reads the stream's records "
                            + "retained in it (as bin/replay does) instead of the live stream. Needs the ingest job on the classpath.");

    public static final ConfigOption<String> SAVEPOINT_START =
            ConfigOptions.key("scan.savepoint.start").stringType().noDefaultValue()
                    .withDescription("With scan.savepoint.path: the first record, by arrival time (ISO-8601 or epoch milliseconds) "
                            + "or sequence number (which reads that one shard); inclusive.");

    public static final ConfigOption<String> SAVEPOINT_END =
            ConfigOptions.key("scan.savepoint.end").stringType().noDefaultValue()
                    .withDescription("With scan.savepoint.path: the last record, as scan.savepoint.start; inclusive.");

    public static final ConfigOption<Boolean> SAVEPOINT_DEAGGREGATE =
            ConfigOptions.key("scan.savepoint.deaggregate").booleanType().defaultValue(false)
                    .withDescription("With scan.savepoint.path: read each user record of a KPL aggregate as a row of its own.");

    public static final ConfigOption<String> ERROR_OUTPUT =
            ConfigOptions.key("error-output").stringType().noDefaultValue()
                    .withDescription("Where records the format cannot decode go, as KDA error-stream rows (one JSON object each): "
                            + "stream:NAME (a Kinesis stream at the table's endpoint) or files:PATH (a directory). Without it the "
                            + "format's error fails the source.");

    public static final ConfigOption<String> ERROR_OUTPUT_NAME =
            ConfigOptions.key("error-output.name").stringType().noDefaultValue()
                    .withDescription("PUMP_NAME of the error rows; the table's name by default.");

    public static final ConfigOption<Duration> ERROR_OUTPUT_FLUSH_INTERVAL =
            ConfigOptions.key("error-output.flush-interval").durationType().defaultValue(Duration.ofSeconds(1))
                    .withDescription("How often buffered error rows are written (they are also written before every checkpoint).");

    public static final ConfigOption<Integer> SINK_BATCH_MAX_SIZE = AwsConnectorOptions.SINK_BATCH_MAX_SIZE;

    public static final ConfigOption<Integer> SINK_MAX_IN_FLIGHT = AwsConnectorOptions.SINK_MAX_IN_FLIGHT;

    public static final ConfigOption<Integer> SINK_MAX_BUFFERED = AwsConnectorOptions.SINK_MAX_BUFFERED;

    public static final ConfigOption<Duration> SINK_FLUSH_TIMEOUT = AwsConnectorOptions.SINK_FLUSH_TIMEOUT;

    private KinesisConnectorOptions() {}
}
