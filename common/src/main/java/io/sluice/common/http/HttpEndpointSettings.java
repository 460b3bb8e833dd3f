package io.sluice.common.http;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;

/**
 * An HTTP endpoint's settings, read once from Flink configuration (one {@link HttpSourceOptions} set
 * per service) and shipped with the source to every reader. {@code publishDir} is {@code null} when readers do not
 * publish their addresses.
 */
public record HttpEndpointSettings(
        HttpService service,
        String host,
        int port,
        int maxRequestBytes,
        int maxQueuedCalls,
        long maxQueuedBytes,
        Duration requestTimeout,
        int workerThreads,
        Duration shutdownGrace,
        String publishDir,
        boolean samePort)
        implements Serializable {

    /** The Kinesis Data Streams endpoint's settings ({@code sluice.http.*}). */
    public static HttpEndpointSettings from(Configuration conf) {
        return from(conf, HttpSourceOptions.STREAMS);
    }

    /** The settings of the endpoint that {@code options} configures. */
    public static HttpEndpointSettings from(Configuration conf, HttpSourceOptions options) {
        return new HttpEndpointSettings(
                options.service(),
                conf.get(options.host),
                conf.get(options.port),
                (int) conf.get(options.maxRequestSize).getBytes(),
                conf.get(options.maxQueuedCalls),
                conf.get(options.maxQueuedSize).getBytes(),
                conf.get(options.requestTimeout),
                conf.get(options.workerThreads),
                conf.get(options.shutdownGrace),
                conf.get(options.publishDir),
                conf.get(options.samePort));
    }

    /** The port reader {@code subtask} binds: the configured port plus the subtask index (the port itself with {@code samePort}). */
    public int portOf(int subtask) {
        return port == 0 || samePort ? port : port + subtask;
    }
}
