package io.sluice.common.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.error.ServiceUnavailable;
import io.sluice.common.http.ApiCall;
import io.sluice.common.http.ApiHttpServer;
import io.sluice.common.http.Endpoint;
import io.sluice.common.http.HttpEndpointSettings;
import io.sluice.common.http.HttpService;
import io.sluice.common.wire.ReplyWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

/**
 * The connector's clients leave retrying to the connector (the split reader's and the sink writer's
 * backoff): one client call is one request, even when it is throttled or meets a server error. With
 * the SDK's default retry strategy each of these calls is sent four times.
 */
class KinesisClientConfigTest {

    private static final String GET_RECORDS = "Kinesis_20131202.GetRecords";
    private static final String PUT_RECORDS = "Kinesis_20131202.PutRecords";

    /** Sluice's own HTTP server (HTTP/1.1 for the sync client, h2c for the async one); the test answers its calls. */
    private final Endpoint endpoint = new Endpoint(0, 1, 100, 1 << 20);
    private final Map<String, Integer> requests = new ConcurrentHashMap<>();
    private ApiHttpServer server;
    private Thread responder;
    private volatile boolean running = true;
    private volatile int status;
    private volatile String errorType;

    @BeforeEach
    void startServer() throws InterruptedException {
        server = ApiHttpServer.start(
                new HttpEndpointSettings(HttpService.STREAMS, "127.0.0.1", 0, 1 << 20, 100, 1 << 20, Duration.ofSeconds(30), 1, Duration.ofMillis(100), null, false),
                0, endpoint);
        responder = new Thread(this::answerEveryCallWithTheError, "kinesis-error-responder");
        responder.setDaemon(true);
        responder.start();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        running = false;
        endpoint.close(new ServiceUnavailable("test over"));
        responder.join(5_000);
        server.close();
    }

    /** Counts each call by its target and answers it with the current error, in the call's wire format. */
    private void answerEveryCallWithTheError() {
        while (running) {
            endpoint.availability().join();
            for (ApiCall call = endpoint.poll(); call != null; call = endpoint.poll()) {
                requests.merge(call.target(), 1, Integer::sum);
                endpoint.complete(call.ref().callId(), status, errorType, ReplyWriter.error(call.ref().format(), errorType, "refused by the test"));
            }
        }
    }

    private KinesisClientConfig config() {
        return KinesisClientConfig.sluice(URI.create("http://127.0.0.1:" + server.port()));
    }

    @ParameterizedTest
    @CsvSource({"400, ProvisionedThroughputExceededException", "500, InternalFailure"})
    void theSyncClientSendsOneRequestPerCall(int status, String errorType) {
        this.status = status;
        this.errorType = errorType;
        try (KinesisClient kinesis = config().createClient()) {
            assertThatThrownBy(() -> kinesis.getRecords(b -> b.shardIterator("iterator")))
                    .isInstanceOfSatisfying(KinesisException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorType));
        }
        assertThat(requests).containsExactly(Map.entry(GET_RECORDS, 1));
    }

    @ParameterizedTest
    @CsvSource({"400, ProvisionedThroughputExceededException", "500, InternalFailure"})
    void theAsyncClientSendsOneRequestPerCall(int status, String errorType) {
        this.status = status;
        this.errorType = errorType;
        try (KinesisAsyncClient kinesis = config().createAsyncClient(8)) {
            assertThatThrownBy(() -> kinesis.putRecords(b -> b.streamName("s")
                            .records(r -> r.partitionKey("k").data(SdkBytes.fromUtf8String("x")))).join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOfSatisfying(KinesisException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorType));
        }
        assertThat(requests).containsExactly(Map.entry(PUT_RECORDS, 1));
    }
}
