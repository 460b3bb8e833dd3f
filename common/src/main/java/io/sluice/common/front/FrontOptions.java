package io.sluice.common.front;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Options of the {@link SluiceFront}. Which directories it reads are the readers' own keys,
 * {@code sluice.http.publish-dir} and {@code sluice.firehose.http.publish-dir}: the front serves each service whose
 * key is set.
 */
public final class FrontOptions {

    public static final ConfigOption<String> HOST =
            ConfigOptions.key("sluice.front.host")
                    .stringType()
                    .defaultValue("0.0.0.0")
                    .withDescription("Address the front binds its ports to.");

    public static final ConfigOption<Integer> STREAMS_PORT =
            ConfigOptions.key("sluice.front.streams-port")
                    .intType()
                    .defaultValue(4567)
                    .withDescription("Port where the front takes Kinesis Data Streams connections; 0 picks a free port.");

    public static final ConfigOption<Integer> FIREHOSE_PORT =
            ConfigOptions.key("sluice.front.firehose-port")
                    .intType()
                    .defaultValue(4573)
                    .withDescription("Port where the front takes Firehose connections; 0 picks a free port.");

    public static final ConfigOption<Duration> READER_WAIT =
            ConfigOptions.key("sluice.front.reader-wait")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "How long a new connection waits for a live reader (the job is restarting) before the front closes it.");

    public static final ConfigOption<Duration> SCAN_INTERVAL =
            ConfigOptions.key("sluice.front.scan-interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withDescription("How often the front reads the publish directories.");

    public static final ConfigOption<Duration> CONNECT_TIMEOUT =
            ConfigOptions.key("sluice.front.connect-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(2))
                    .withDescription("Connect timeout towards a reader; a reader that refuses or times out is skipped.");

    public static final ConfigOption<Duration> QUARANTINE =
            ConfigOptions.key("sluice.front.quarantine")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "How long the front forgets a published reader that refused a connection (a stale entry of a"
                                    + " killed reader) before it tries it again.");

    private FrontOptions() {}

    /** Every option, for documentation checks. */
    public static List<ConfigOption<?>> all() {
        return List.of(HOST, STREAMS_PORT, FIREHOSE_PORT, READER_WAIT, SCAN_INTERVAL, CONNECT_TIMEOUT, QUARANTINE);
    }
}
