package io.sluice.common.connector.table;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The options of the {@code 'connector' = 'firehose'} table that the {@code kinesis} table lacks; the
 * others ({@code aws.*}, {@code sink.*}) are the same options, in {@link AwsConnectorOptions}.
 */
public final class FirehoseConnectorOptions {

    public static final ConfigOption<String> DELIVERY_STREAM =
            ConfigOptions.key("delivery-stream").stringType().noDefaultValue().withDescription("Name of the Firehose delivery stream.");

    public static final ConfigOption<String> RECORD_DELIMITER =
            ConfigOptions.key("sink.record-delimiter").stringType().defaultValue("\\n")
                    .withDescription("Appended to every encoded row (Firehose writes records back to back): \\n (the default) gives one"
                            + " row per line; '' sends rows as the format encodes them (e.g. with a delivery stream that has an"
                            + " AppendDelimiterToRecord processor). Escapes: \\n, \\r, \\t, \\\\.");

    private FirehoseConnectorOptions() {}

    /** The delimiter's text with its escapes resolved ("\\r\\n" is CR LF). */
    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case '\\' -> out.append('\\');
                default -> out.append(c).append(next);
            }
        }
        return out.toString();
    }
}
