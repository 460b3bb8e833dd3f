package io.sluice.ingest.embedded;

import io.sluice.common.job.ConfigArgs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * The embedded run's configuration: {@code config.yaml} from {@code $SLUICE_CONF_DIR} (default
 * {@code flink-conf/} in the working directory, when present), then {@code key=value} arguments on
 * top.
 */
final class EmbeddedConfiguration {

    private EmbeddedConfiguration() {}

    static Configuration load(String[] args) {
        String dir = System.getenv().getOrDefault("SLUICE_CONF_DIR", "flink-conf");
        Configuration conf = Files.isRegularFile(Path.of(dir, "config.yaml"))
                ? GlobalConfiguration.loadConfiguration(dir)
                : new Configuration();
        conf.addAll(ConfigArgs.parse(args));
        return conf;
    }
}
