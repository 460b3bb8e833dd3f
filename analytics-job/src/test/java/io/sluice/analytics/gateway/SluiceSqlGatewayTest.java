package io.sluice.analytics.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class SluiceSqlGatewayTest {

    private static final URI CLUSTER = URI.create("http://localhost:18081");

    @Test
    void sessionsRunTheirJobsOnTheGivenClusterAndRestoreFromNothing() {
        Configuration conf = Configuration.fromMap(Map.of("rest.port", "8081", "execution.state-recovery.path", "file:///sp",
                "parallelism.default", "2"));
        Map<String, String> gateway = SluiceSqlGateway.configuration(conf, CLUSTER).toMap();
        assertThat(gateway).containsEntry("execution.target", "remote").containsEntry("rest.address", "localhost")
                .containsEntry("rest.port", "18081").containsEntry("parallelism.default", "2")
                .containsEntry("sql-gateway.endpoint.rest.address", "localhost")
                .doesNotContainKey("execution.state-recovery.path");
        assertThat(conf.toMap()).containsEntry("execution.state-recovery.path", "file:///sp");
    }

    @Test
    void aConfiguredAddressAndPortAreKept() {
        Configuration conf = Configuration.fromMap(Map.of("sql-gateway.endpoint.rest.address", "sql.example",
                "sql-gateway.endpoint.rest.port", "9093"));
        Configuration gateway = SluiceSqlGateway.configuration(conf, CLUSTER);
        assertThat(gateway.toMap()).containsEntry("sql-gateway.endpoint.rest.address", "sql.example");
        assertThat(gateway.get(SluiceSqlGateway.PORT)).isEqualTo(9093);
        assertThat(SluiceSqlGateway.configuration(new Configuration(), CLUSTER).get(SluiceSqlGateway.PORT)).isEqualTo(8083);
    }
}
