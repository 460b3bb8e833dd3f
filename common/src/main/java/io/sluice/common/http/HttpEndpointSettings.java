package io.sluice.common.http;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;

/**
 * The HTTP endpoint's settings, read once from Flink configuration ({@link HttpSourceOptions}) and
 * shipped with the source to every reader.
 */
public record HttpEndpointSettings(
        String host,
        int port,
        int maxRequestBytes,
        int maxQueuedCalls,
        long maxQueuedBytes,
        Duration requestTimeout,
        int workerThreads,
        Duration shutdownGrace)
        implements Serializable {

    public static HttpEndpointSettings from(Configuration conf) {
        return new HttpEndpointSettings(
                conf.get(HttpSourceOptions.HOST),
                conf.get(HttpSourceOptions.PORT),
                (int) conf.get(HttpSourceOptions.MAX_REQUEST_SIZE).getBytes(),
                conf.get(HttpSourceOptions.MAX_QUEUED_CALLS),
                conf.get(HttpSourceOptions.MAX_QUEUED_SIZE).getBytes(),
                conf.get(HttpSourceOptions.REQUEST_TIMEOUT),
                conf.get(HttpSourceOptions.WORKER_THREADS),
                conf.get(HttpSourceOptions.SHUTDOWN_GRACE));
    }

    /** The port reader {@code subtask} binds: the configured port plus the subtask index. */
    public int portOf(int subtask) {
        return port == 0 ? 0 : port + subtask;
    }
}
