package io.sluice.common.http;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/**
 * Configuration of an HTTP endpoint served by the {@link HttpRequestSource}. Each service has its own
 * set under its own key prefix: {@link #STREAMS} ({@code sluice.http.*}) and {@link #FIREHOSE}
 * ({@code sluice.firehose.http.*}); the static fields are the Streams set, for the ingest job.
 */
public final class HttpSourceOptions {

    /** The Kinesis Data Streams endpoint's options, {@code sluice.http.*}. */
    public static final HttpSourceOptions STREAMS =
            new HttpSourceOptions("sluice.http", 4567, "Kinesis Data Streams", HttpService.STREAMS);

    /** The Firehose endpoint's options, {@code sluice.firehose.http.*}. */
    public static final HttpSourceOptions FIREHOSE =
            new HttpSourceOptions("sluice.firehose.http", 4573, "Firehose", HttpService.FIREHOSE);

    public static final ConfigOption<String> HOST = STREAMS.host;
    public static final ConfigOption<Integer> PORT = STREAMS.port;
    public static final ConfigOption<MemorySize> MAX_REQUEST_SIZE = STREAMS.maxRequestSize;
    public static final ConfigOption<Integer> MAX_QUEUED_CALLS = STREAMS.maxQueuedCalls;
    public static final ConfigOption<MemorySize> MAX_QUEUED_SIZE = STREAMS.maxQueuedSize;
    public static final ConfigOption<Duration> REQUEST_TIMEOUT = STREAMS.requestTimeout;
    public static final ConfigOption<Integer> WORKER_THREADS = STREAMS.workerThreads;
    public static final ConfigOption<Duration> SHUTDOWN_GRACE = STREAMS.shutdownGrace;
    public static final ConfigOption<String> PUBLISH_DIR = STREAMS.publishDir;

    public final ConfigOption<String> host;
    public final ConfigOption<Integer> port;
    public final ConfigOption<MemorySize> maxRequestSize;
    public final ConfigOption<Integer> maxQueuedCalls;
    public final ConfigOption<MemorySize> maxQueuedSize;
    public final ConfigOption<Duration> requestTimeout;
    public final ConfigOption<Integer> workerThreads;
    public final ConfigOption<Duration> shutdownGrace;
    public final ConfigOption<String> publishDir;
    public final ConfigOption<Boolean> samePort;
    private final HttpService service;

    private HttpSourceOptions(String prefix, int defaultPort, String serviceName, HttpService service) {
        this.service = service;
        host = ConfigOptions.key(prefix + ".host")
                .stringType()
                .defaultValue("0.0.0.0")
                .withDescription("Address the " + serviceName + " endpoint binds to.");
        port = ConfigOptions.key(prefix + ".port")
                .intType()
                .defaultValue(defaultPort)
                .withDescription(
                        "Port of the " + serviceName + " endpoint (HTTP/1.1 and HTTP/2 cleartext). Source reader i binds port + i;"
                                + " 0 picks a free port (tests).");
        maxRequestSize = ConfigOptions.key(prefix + ".max-request-size")
                .memoryType()
                .defaultValue(MemorySize.parse("10mb"))
                .withDescription(
                        "Largest request body accepted; larger ones get 413 with an AWS-shaped error. Must hold the largest"
                                + " batch call in base64 JSON.");
        maxQueuedCalls = ConfigOptions.key(prefix + ".max-queued-calls")
                .intType()
                .defaultValue(10_000)
                .withDescription(
                        "Calls a reader holds before the job takes them; beyond it calls get 503 (the AWS SDKs retry).");
        maxQueuedSize = ConfigOptions.key(prefix + ".max-queued-size")
                .memoryType()
                .defaultValue(MemorySize.parse("256mb"))
                .withDescription(
                        "Bytes of request bodies a reader holds before the job takes them (backpressure); beyond it calls"
                                + " get 503.");
        requestTimeout = ConfigOptions.key(prefix + ".request-timeout")
                .durationType()
                .defaultValue(Duration.ofSeconds(60))
                .withDescription("A call without an answer by then gets 503; no connection hangs.");
        workerThreads = ConfigOptions.key(prefix + ".worker-threads")
                .intType()
                .defaultValue(0)
                .withDescription("Netty I/O threads per reader; 0 = Netty's default (2 × cores).");
        shutdownGrace = ConfigOptions.key(prefix + ".shutdown-grace")
                .durationType()
                .defaultValue(Duration.ofSeconds(2))
                .withDescription("On shutdown, how long answers already written may take to drain.");
        publishDir = ConfigOptions.key(prefix + ".publish-dir")
                .stringType()
                .noDefaultValue()
                .withDescription(
                        "Directory where each reader publishes the host:port it listens on (a file per reader, withdrawn when"
                                + " it closes) for the front (io.sluice.common.front.SluiceFront) to forward "
                                + serviceName + " clients to; unset: nothing is published. On a cluster, set the port to 0.");
        samePort = ConfigOptions.key(prefix + ".same-port")
                .booleanType()
                .defaultValue(false)
                .withDescription("Every reader binds the port itself instead of port + i: for one reader per host, as on"
                        + " Kubernetes with one slot per TaskManager pod, where a Service on the port reaches every reader.");
    }

    /** The service whose endpoint these options configure (it names the errors the HTTP layer answers). */
    public HttpService service() {
        return service;
    }

    /** Every option of this set, for documentation checks. */
    public List<ConfigOption<?>> all() {
        return List.of(host, port, maxRequestSize, maxQueuedCalls, maxQueuedSize, requestTimeout, workerThreads, shutdownGrace, publishDir,
                samePort);
    }
}
