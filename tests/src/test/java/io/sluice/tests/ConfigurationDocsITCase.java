package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.analytics.gateway.GatewayOptions;
import io.sluice.common.account.AccountOptions;
import io.sluice.common.front.FrontOptions;
import io.sluice.common.http.HttpSourceOptions;
import io.sluice.delivery.DeliveryOptions;
import io.sluice.ingest.IngestOptions;
import io.sluice.ingest.embedded.EmbeddedOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;

/** README's configuration table lists every Sluice option with its real default. */
class ConfigurationDocsITCase {

    @Test
    void readmeListsEveryOptionWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Class<?> holder : List.of(IngestOptions.class, HttpSourceOptions.class, EmbeddedOptions.class, AccountOptions.class,
                DeliveryOptions.class, GatewayOptions.class, FrontOptions.class)) {
            for (Field f : holder.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class) {
                    options.add((ConfigOption<?>) f.get(null));
                }
            }
        }
        assertThat(options).hasSizeGreaterThan(10);
        for (ConfigOption<?> option : options) {
            String shown = option.hasDefaultValue() ? "`" + shown(option.defaultValue()) + "`" : "(none)";
            String row = "| `" + option.key() + "` | " + shown + " |";
            assertThat(readme).as("README row for %s", option.key()).contains(row);
        }
    }

    /** The Firehose endpoint's HTTP keys are the Streams ones' twins: same defaults but the port, one README row. */
    @Test
    void firehoseHttpOptionsAreTheStreamsOnesUnderTheirOwnPrefix() {
        List<ConfigOption<?>> streams = HttpSourceOptions.STREAMS.all();
        List<ConfigOption<?>> firehose = HttpSourceOptions.FIREHOSE.all();
        assertThat(firehose).hasSameSizeAs(streams);
        for (int i = 0; i < streams.size(); i++) {
            assertThat(firehose.get(i).key()).isEqualTo(streams.get(i).key().replace("sluice.http.", "sluice.firehose.http."));
            if (streams.get(i) != HttpSourceOptions.PORT) {
                assertThat(firehose.get(i).defaultValue()).isEqualTo(streams.get(i).defaultValue());
            }
        }
        assertThat(HttpSourceOptions.FIREHOSE.port.defaultValue()).isEqualTo(4573);
    }

    private static String shown(Object value) {
        if (value instanceof Duration d) {
            long ms = d.toMillis();
            if (ms != 0 && ms % 3_600_000 == 0) {
                return ms / 3_600_000 + " h";
            }
            return ms != 0 && ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
        }
        if (value instanceof MemorySize m) {
            return m.toHumanReadableString().contains("mb") ? m.getMebiBytes() + " mb" : m.toString();
        }
        return String.valueOf(value);
    }
}
