package io.sluice.ingest.embedded;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.http.HttpSourceOptions;
import io.sluice.ingest.IngestOptions;
import io.sluice.ingest.IngestService;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class EndpointPortsTest {

    @Test
    void samePortIsRefusedInOneProcessWithMoreThanOneReader() {
        Configuration conf = new Configuration();
        conf.set(HttpSourceOptions.STREAMS.samePort, true);
        conf.set(IngestOptions.HTTP_ENDPOINTS, 2);
        assertThatThrownBy(() -> EndpointPorts.check(conf, List.of(new IngestService())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sluice.http.same-port is for one reader per host (Kubernetes pods); in one process the 2 readers of"
                        + " sluice-ingest would all bind port 4567. Leave it false here.");

        conf.set(IngestOptions.HTTP_ENDPOINTS, 1);
        assertThatCode(() -> EndpointPorts.check(conf, List.of(new IngestService()))).doesNotThrowAnyException();
    }
}
