package io.sluice.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class ConfigArgsTest {

    @Test
    void readsEveryFormThatAClusterSubmissionPasses() {
        Configuration conf = ConfigArgs.parse(new String[] {
            "sluice.http.port=4568", "-Dsluice.ack-mode=ON_APPEND", "--parallelism.default", "3",
            "--sluice.data-dir=/data/x=y", "pipeline.name = spaced "});

        assertThat(conf.toMap()).isEqualTo(Map.of(
                "sluice.http.port", "4568",
                "sluice.ack-mode", "ON_APPEND",
                "parallelism.default", "3",
                "sluice.data-dir", "/data/x=y",
                "pipeline.name", "spaced"));
    }

    @Test
    void keepsTheOrderOfPairs() {
        assertThat(ConfigArgs.pairs(new String[] {"--b", "2", "a=1", "--c=3"})).containsExactly("b=2", "a=1", "c=3");
    }

    @Test
    void rejectsAKeyWithoutAValue() {
        assertThatThrownBy(() -> ConfigArgs.parse(new String[] {"--sluice.http.port"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expected key=value or --key value, got '--sluice.http.port' without a value");
        assertThatThrownBy(() -> ConfigArgs.parse(new String[] {"--a", "--b", "1"}))
                .hasMessage("Expected key=value or --key value, got '--a' without a value");
        assertThatThrownBy(() -> ConfigArgs.parse(new String[] {"port"}))
                .hasMessage("Expected key=value or --key value, got 'port'");
        assertThatThrownBy(() -> ConfigArgs.parse(new String[] {"=1"}))
                .hasMessage("Expected key=value or --key value, got '=1'");
    }
}
