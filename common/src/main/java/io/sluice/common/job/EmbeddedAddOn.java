package io.sluice.common.job;

import java.net.URI;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;

/**
 * Something the embedded run starts in its process beside the cluster, not a job of it (the SQL Gateway, ...):
 * found by {@link java.util.ServiceLoader} on the classpath, so the launcher names none, started once the cluster
 * runs and closed when the run stops.
 */
public interface EmbeddedAddOn extends AutoCloseable {

    /**
     * Starts it for the cluster whose REST API is at {@code clusterRest}, unless {@code conf} turns it off.
     *
     * @return what it serves, for the start-up log line (e.g. "SQL Gateway on port 8083"); empty when it is off
     * @throws Exception when it cannot start (a port in use, say): the embedded run then stops, with its message
     */
    Optional<String> start(Configuration conf, URI clusterRest) throws Exception;

    /** Stops what {@link #start} started; nothing when it did not start. */
    @Override
    void close() throws Exception;
}
