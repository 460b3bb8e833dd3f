package io.sluice.common.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;

/**
 * Reads command-line arguments into a Flink configuration, in every form a job's {@code main} meets them: {@code key=value}
 * ({@code bin/sluice}, {@code programArgs} of Flink's {@code /jars/:id/run}), {@code -Dkey=value}, and the
 * {@code --key value} or {@code --key=value} that Flink's own {@code ParameterTool} users pass.
 */
public final class ConfigArgs {

    private ConfigArgs() {}

    public static Configuration parse(String[] args) {
        Configuration conf = new Configuration();
        for (String pair : pairs(args)) {
            int eq = pair.indexOf('=');
            conf.setString(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return conf;
    }

    /**
     * The arguments as {@code key=value} strings, one a setting: {@code -Dkey=value} and {@code --key=value} lose their
     * prefix, {@code --key value} becomes {@code key=value}.
     *
     * @throws IllegalArgumentException for an argument that is none of these forms, with the argument in the message
     */
    public static List<String> pairs(String[] args) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String pair;
            if (arg.startsWith("--") && arg.indexOf('=') < 0) {
                if (arg.length() == 2 || i + 1 == args.length || args[i + 1].startsWith("--")) {
                    throw new IllegalArgumentException("Expected key=value or --key value, got '" + arg + "' without a value");
                }
                pair = arg.substring(2) + "=" + args[++i];
            } else {
                pair = arg.startsWith("--") ? arg.substring(2) : arg.startsWith("-D") ? arg.substring(2) : arg;
            }
            if (pair.indexOf('=') <= 0) {
                throw new IllegalArgumentException("Expected key=value or --key value, got '" + arg + "'");
            }
            pairs.add(pair);
        }
        return pairs;
    }
}
