package io.sluice.analytics.reference;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** The options of the {@code 'connector' = 'reference'} table (with {@code 'format'} and the format's own options). */
public final class ReferenceOptions {

    public static final ConfigOption<String> PATH =
            ConfigOptions.key("path").stringType().noDefaultValue()
                    .withDescription("The reference file: file:///... or s3a://bucket/key (any Flink file system).");

    public static final ConfigOption<Duration> RELOAD_CHECK_INTERVAL =
            ConfigOptions.key("reload.check-interval").durationType().defaultValue(Duration.ofSeconds(10))
                    .withDescription("How often each subtask checks the file's modification time and length, and reloads it when they changed.");

    public static final ConfigOption<Boolean> IGNORE_FIRST_LINE =
            ConfigOptions.key("ignore-first-line").booleanType().defaultValue(false)
                    .withDescription("Skip the file's first line (a CSV header).");

    private ReferenceOptions() {}
}
