package io.sluice.common.http;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/** Configuration of the HTTP endpoint served by the {@link HttpRequestSource}. */
public final class HttpSourceOptions {

    public static final ConfigOption<String> HOST =
            ConfigOptions.key("sluice.http.host")
                    .stringType()
                    .defaultValue("0.0.0.0")
                    .withDescription("Address the API endpoint binds to.");

    public static final ConfigOption<Integer> PORT =
            ConfigOptions.key("sluice.http.port")
                    .intType()
                    .defaultValue(4567)
                    .withDescription(
                            "Port of the API endpoint (HTTP/1.1 and HTTP/2 cleartext). Source reader i binds port + i;"
                                    + " 0 picks a free port (tests).");

    public static final ConfigOption<MemorySize> MAX_REQUEST_SIZE =
            ConfigOptions.key("sluice.http.max-request-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("10mb"))
                    .withDescription(
                            "Largest request body accepted; larger ones get 413 with an AWS-shaped error. Must hold a"
                                    + " 5 MiB PutRecords in base64 JSON.");

    public static final ConfigOption<Integer> MAX_QUEUED_CALLS =
            ConfigOptions.key("sluice.http.max-queued-calls")
                    .intType()
                    .defaultValue(10_000)
                    .withDescription(
                            "Calls a reader holds before the job takes them; beyond it calls get 503 ServiceUnavailable"
                                    + " (the AWS SDKs retry).");

    public static final ConfigOption<MemorySize> MAX_QUEUED_SIZE =
            ConfigOptions.key("sluice.http.max-queued-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("256mb"))
                    .withDescription(
                            "Bytes of request bodies a reader holds before the job takes them (backpressure); beyond it calls"
                                    + " get 503 ServiceUnavailable.");

    public static final ConfigOption<Duration> REQUEST_TIMEOUT =
            ConfigOptions.key("sluice.http.request-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription("A call without an answer by then gets 503 ServiceUnavailable; no connection hangs.");

    public static final ConfigOption<Integer> WORKER_THREADS =
            ConfigOptions.key("sluice.http.worker-threads")
                    .intType()
                    .defaultValue(0)
                    .withDescription("Netty I/O threads per reader; 0 = Netty's default (2 × cores).");

    public static final ConfigOption<Duration> SHUTDOWN_GRACE =
            ConfigOptions.key("sluice.http.shutdown-grace")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(2))
                    .withDescription("On shutdown, how long answers already written may take to drain.");

    private HttpSourceOptions() {}
}
