package io.sluice.common.job;

import org.apache.flink.configuration.Configuration;

/** Reads {@code key=value} (or {@code -Dkey=value}) command-line arguments into a Flink configuration. */
public final class ConfigArgs {

    private ConfigArgs() {}

    public static Configuration parse(String[] args) {
        Configuration conf = new Configuration();
        for (String arg : args) {
            String a = arg.startsWith("-D") ? arg.substring(2) : arg;
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Expected key=value, got '" + arg + "'");
            }
            conf.setString(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
        }
        return conf;
    }
}
