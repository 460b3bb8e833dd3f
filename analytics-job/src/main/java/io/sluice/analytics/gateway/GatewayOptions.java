package io.sluice.analytics.gateway;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Settings of the SQL Gateway that the embedded run starts; its port and address are Flink's own keys
 * ({@code sql-gateway.endpoint.rest.port}, default 8083, and {@code sql-gateway.endpoint.rest.address}).
 */
public final class GatewayOptions {

    public static final ConfigOption<Boolean> ENABLED =
            ConfigOptions.key("sluice.sql-gateway.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Whether the embedded run starts Flink's SQL Gateway beside its cluster (REST on"
                                    + " sql-gateway.endpoint.rest.port, 8083 by default; bin/sql opens a shell on it). A port"
                                    + " in use stops the start with a message that names both keys.");

    private GatewayOptions() {}
}
