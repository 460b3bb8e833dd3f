package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.connector.KinesisClientConfig;
import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Both ways into HTTP/2 over cleartext that Sluice claims, seen on the wire: a loopback proxy in front
 * of the endpoint keeps the first bytes each client connection sent, so a test can tell an HTTP/1.1
 * request asking for {@code Upgrade: h2c} from a connection opened with the HTTP/2 preface.
 */
class Http2ITCase extends SluiceITCaseBase {

    private static final String PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The JDK's client asks for HTTP/2 on an {@code http://} URI by upgrading: its first request is
     * HTTP/1.1 with {@code Upgrade: h2c}, {@code HTTP2-Settings} and {@code Connection: Upgrade,
     * HTTP2-Settings}. Sluice switches, answers that request over HTTP/2, and serves the next one on
     * the same connection as an HTTP/2 stream.
     */
    @Test
    void anHttp11RequestAskingForH2cIsAnsweredOverHttp2() throws Exception {
        try (Client admin = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint());
                OpeningRecorder proxy = new OpeningRecorder(SLUICE.endpoint())) {
            KinesisClient kinesis = admin.api();
            kinesis.createStream(b -> b.streamName("h2c").shardCount(1));
            Streams.awaitActive(kinesis, "h2c");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

            HttpResponse<String> listed = post(http, proxy.uri(), "ListStreams", "{}");
            assertThat(listed.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(listed.body()).get("StreamNames")).extracting(JsonNode::asText).contains("h2c");

            HttpResponse<String> put = post(http, proxy.uri(), "PutRecord", "{\"StreamName\":\"h2c\",\"PartitionKey\":\"k\",\"Data\":\"aDJj\"}");
            assertThat(put.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(put.statusCode()).isEqualTo(200);
            String sequenceNumber = JSON.readTree(put.body()).get("SequenceNumber").asText();

            assertThat(proxy.openings()).as("one connection, upgraded").singleElement().satisfies(opening -> {
                assertThat(opening).startsWith("POST / HTTP/1.1\r\n");
                String headers = opening.toLowerCase();
                assertThat(headers).contains("\r\nupgrade: h2c\r\n").contains("\r\nhttp2-settings: ")
                        .contains("\r\nconnection: upgrade, http2-settings\r\n");
            });
            List<Record> records = Streams.readAll(kinesis, "h2c", "shardId-000000000000", 10);
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.sequenceNumber()).isEqualTo(sequenceNumber);
                assertThat(r.data().asUtf8String()).isEqualTo("h2c");
            });
        }
    }

    /**
     * The connector's async client (the SDK's Netty client with its default protocol for Kinesis)
     * opens every connection with the HTTP/2 preface: h2c with prior knowledge, no HTTP/1.1 at all.
     */
    @Test
    void theAsyncClientSpeaksHttp2ByPriorKnowledge() throws Exception {
        try (OpeningRecorder proxy = new OpeningRecorder(SLUICE.endpoint());
                KinesisAsyncClient kinesis = KinesisClientConfig.sluice(proxy.uri()).createAsyncClient(8)) {
            kinesis.createStream(b -> b.streamName("prior-knowledge").shardCount(1)).join();
            Streams.awaitActive(KinesisClients.blocking(kinesis), "prior-knowledge");
            String sequenceNumber = kinesis.putRecord(b -> b.streamName("prior-knowledge").partitionKey("k")
                    .data(SdkBytes.fromUtf8String("h2"))).join().sequenceNumber();
            List<Record> records = Streams.readAll(KinesisClients.blocking(kinesis), "prior-knowledge", "shardId-000000000000", 10);

            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.sequenceNumber()).isEqualTo(sequenceNumber);
                assertThat(r.data().asUtf8String()).isEqualTo("h2");
            });
            assertThat(proxy.openings()).isNotEmpty().allSatisfy(opening -> assertThat(opening).startsWith(PREFACE));
        }
    }

    private static HttpResponse<String> post(HttpClient http, URI endpoint, String action, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "Kinesis_20131202." + action)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A loopback TCP proxy to {@code target} that keeps the first bytes every client connection sent. */
    private static final class OpeningRecorder implements AutoCloseable {

        private static final int KEPT_BYTES = 2048;

        private final URI target;
        private final ServerSocket listener;
        private final List<ByteArrayOutputStream> openings = new CopyOnWriteArrayList<>();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        OpeningRecorder(URI target) throws IOException {
            this.target = target;
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            daemon("opening-recorder", this::acceptConnections);
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + listener.getLocalPort());
        }

        /** The first bytes (up to 2 KiB) of each connection, in the order the connections were accepted. */
        List<String> openings() {
            return openings.stream().map(o -> {
                synchronized (o) {
                    return o.toString(StandardCharsets.ISO_8859_1);
                }
            }).toList();
        }

        private void acceptConnections() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket server = new Socket(target.getHost(), target.getPort());
                    sockets.add(client);
                    sockets.add(server);
                    ByteArrayOutputStream opening = new ByteArrayOutputStream();
                    openings.add(opening);
                    daemon("opening-recorder-up", () -> copy(client, server, opening));
                    daemon("opening-recorder-down", () -> copy(server, client, null));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        /** Copies until either side closes, keeping the first bytes in {@code opening} (if given), then closes both. */
        private static void copy(Socket from, Socket to, ByteArrayOutputStream opening) {
            byte[] buffer = new byte[8192];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (opening != null) {
                        synchronized (opening) {
                            opening.write(buffer, 0, Math.min(n, Math.max(0, KEPT_BYTES - opening.size())));
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException closed) {
                // one side went away; so does the other
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }

        private static void daemon(String name, Runnable body) {
            Thread thread = new Thread(body, name);
            thread.setDaemon(true);
            thread.start();
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            sockets.forEach(OpeningRecorder::closeQuietly);
        }
    }
}
