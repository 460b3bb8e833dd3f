package io.sluice.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class HttpEndpointSettingsTest {

    @Test
    void readerIBindsPortPlusIUnlessAllBindTheSamePortOrAFreeOne() {
        Configuration conf = new Configuration();
        assertThat(HttpEndpointSettings.from(conf).portOf(0)).isEqualTo(4567);
        assertThat(HttpEndpointSettings.from(conf).portOf(3)).isEqualTo(4570);
        conf.set(HttpSourceOptions.STREAMS.samePort, true);
        assertThat(HttpEndpointSettings.from(conf).portOf(3)).isEqualTo(4567);
        assertThat(HttpEndpointSettings.from(conf, HttpSourceOptions.FIREHOSE).portOf(3)).as("the Firehose's own key").isEqualTo(4576);
        conf.set(HttpSourceOptions.STREAMS.port, 0);
        assertThat(HttpEndpointSettings.from(conf).portOf(3)).isZero();
    }
}
