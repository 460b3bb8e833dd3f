package io.sluice.analytics.gateway;

import java.net.BindException;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.gateway.SqlGateway;
import org.apache.flink.table.gateway.rest.util.SqlGatewayRestOptions;
import org.apache.flink.table.gateway.service.context.DefaultContext;
import org.apache.flink.table.gateway.service.session.SessionManager;
import org.apache.flink.util.ExceptionUtils;

/**
 * Flink's SQL Gateway in this process, its sessions' jobs submitted to one cluster ({@code execution.target: remote}
 * at that cluster's REST address) and Sluice's functions registered in every session. Its REST endpoint listens on
 * Flink's keys {@code sql-gateway.endpoint.rest.port} (8083) and {@code sql-gateway.endpoint.rest.address}
 * (localhost unless set). Jobs go through the cluster's REST API rather than to a MiniCluster object: the gateway
 * picks its executor by {@code execution.target} only, and a "remote" job is what a standalone cluster gets too.
 */
public final class SluiceSqlGateway implements AutoCloseable {

    /** Flink's {@code sql-gateway.endpoint.rest.port} with its prefix, which Flink declares without it. */
    static final ConfigOption<Integer> PORT = ConfigOptions.key(key(SqlGatewayRestOptions.PORT.key()))
            .intType().defaultValue(SqlGatewayRestOptions.PORT.defaultValue());

    private final SqlGateway gateway;
    private final int port;

    private SluiceSqlGateway(SqlGateway gateway, int port) {
        this.gateway = gateway;
        this.port = port;
    }

    /**
     * Starts the gateway with {@code conf} as its sessions' defaults, running their jobs on the cluster at
     * {@code clusterRest} and registering {@code functions} in each session.
     *
     * @throws IllegalStateException when its port is in use, with a message that says which keys to change
     */
    public static SluiceSqlGateway start(Configuration conf, URI clusterRest, Consumer<TableEnvironment> functions) throws Exception {
        Configuration gatewayConf = configuration(conf, clusterRest);
        int port = gatewayConf.get(PORT);
        SessionManager sessions = new FunctionRegisteringSessionManager(
                SessionManager.create(new DefaultContext(gatewayConf, List.of())), functions);
        SqlGateway gateway = new SqlGateway(gatewayConf, sessions);
        try {
            gateway.start();
        } catch (Exception e) {
            gateway.stop();
            if (ExceptionUtils.findThrowable(e, BindException.class).isPresent()) {
                throw new IllegalStateException(String.format(
                        "The SQL Gateway cannot listen on port %d (%s): it is in use. Set another port, or %s=false.",
                        port, PORT.key(), GatewayOptions.ENABLED.key()), e);
            }
            throw e;
        }
        return new SluiceSqlGateway(gateway, port);
    }

    /** The port of the gateway's REST API. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        gateway.stop(); // closes the sessions, which cancels their queries' jobs
    }

    /**
     * The gateway's configuration, also its sessions' defaults: {@code conf} without a restore path, the REST endpoint's
     * address (localhost unless set), and the cluster that runs its jobs.
     */
    static Configuration configuration(Configuration conf, URI clusterRest) {
        Configuration gatewayConf = new Configuration(conf);
        String address = key(SqlGatewayRestOptions.ADDRESS.key());
        if (!gatewayConf.containsKey(address)) {
            gatewayConf.setString(address, "localhost");
        }
        // A restore path given for the service jobs (execution.state-recovery.path) is not one for every query.
        gatewayConf.removeConfig(StateRecoveryOptions.SAVEPOINT_PATH);
        gatewayConf.set(DeploymentOptions.TARGET, "remote");
        gatewayConf.set(RestOptions.ADDRESS, clusterRest.getHost());
        gatewayConf.set(RestOptions.PORT, clusterRest.getPort());
        return gatewayConf;
    }

    /** The full key of a REST endpoint option, which Flink declares without its prefix. */
    static String key(String endpointKey) {
        return "sql-gateway.endpoint.rest." + endpointKey;
    }
}
