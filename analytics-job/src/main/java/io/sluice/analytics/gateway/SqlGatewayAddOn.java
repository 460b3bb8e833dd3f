package io.sluice.analytics.gateway;

import io.sluice.analytics.functions.SluiceFunctions;
import io.sluice.common.job.EmbeddedAddOn;
import java.net.URI;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;

/**
 * The SQL Gateway as the embedded run starts it (found through {@link java.util.ServiceLoader}): on
 * {@code sql-gateway.endpoint.rest.port} unless {@code sluice.sql-gateway.enabled} is false, with
 * {@link SluiceFunctions} in every session and its queries running on the embedded cluster.
 */
public final class SqlGatewayAddOn implements EmbeddedAddOn {

    private SluiceSqlGateway gateway;

    @Override
    public Optional<String> start(Configuration conf, URI clusterRest) throws Exception {
        if (!conf.get(GatewayOptions.ENABLED)) {
            return Optional.empty();
        }
        gateway = SluiceSqlGateway.start(conf, clusterRest, SluiceFunctions::register);
        return Optional.of("SQL Gateway on port " + gateway.port());
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
    }
}
