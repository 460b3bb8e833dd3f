package io.sluice.common.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.http.HttpService;
import io.sluice.common.http.HttpSourceOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The front on loopback with real sockets: stand-in readers ({@link LineServer}) published in a real directory. */
class SluiceFrontTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void forwardsConnectionsRoundRobinOverThePublishedReaders() throws Exception {
        ReaderDirectory readers = new ReaderDirectory(dir);
        LineServer a = server("a");
        LineServer b = server("b");
        publish(readers, 0, a);
        publish(readers, 1, b);
        SluiceFront front = front(Duration.ofSeconds(5));

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            try (Client client = new Client(front.port(HttpService.STREAMS))) {
                answers.add(client.ask("call-" + i));
                assertThat(client.ask("again")).as("keep-alive: the same reader").startsWith(answers.get(i).substring(0, 2));
            }
        }

        assertThat(answers).filteredOn(s -> s.startsWith("a:")).hasSize(2);
        assertThat(answers).filteredOn(s -> s.startsWith("b:")).hasSize(2);
        assertThat(answers).extracting(s -> s.substring(2)).containsExactly("call-0", "call-1", "call-2", "call-3");
        assertThat(front.connectionsForwarded(HttpService.STREAMS))
                .containsOnly(Map.entry("127.0.0.1:" + a.port(), 2L), Map.entry("127.0.0.1:" + b.port(), 2L));
    }

    @Test
    void followsAWithdrawnReaderAndANewOneAndClosesTheWithdrawnOnesConnections() throws Exception {
        ReaderDirectory readers = new ReaderDirectory(dir);
        LineServer a = server("a");
        ReaderDirectory.Publication published = publish(readers, 0, a);
        SluiceFront front = front(Duration.ofSeconds(5));
        Client open = new Client(front.port(HttpService.STREAMS));
        toClose.add(open);
        assertThat(open.ask("x")).isEqualTo("a:x");

        published.close();
        LineServer b = server("b");
        publish(readers, 0, b);
        await(() -> front.liveReaders(HttpService.STREAMS).equals(List.of("127.0.0.1:" + b.port())));

        assertThat(open.awaitClosed()).as("the withdrawn reader's connection is closed").isTrue();
        try (Client client = new Client(front.port(HttpService.STREAMS))) {
            assertThat(client.ask("y")).isEqualTo("b:y");
        }
    }

    @Test
    void aStaleEntryForADeadPortIsSkippedAndItsConnectionsGoToALiveReader() throws Exception {
        ReaderDirectory readers = new ReaderDirectory(dir);
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        readers.publish(new ReaderAddress("streams", 0, 1L, "127.0.0.1", deadPort)); // left by a kill -9
        LineServer b = server("b");
        publish(readers, 1, b);
        SluiceFront front = front(Duration.ofSeconds(5));

        for (int i = 0; i < 4; i++) {
            try (Client client = new Client(front.port(HttpService.STREAMS))) {
                assertThat(client.ask("c" + i)).isEqualTo("b:c" + i);
            }
        }
        assertThat(front.liveReaders(HttpService.STREAMS)).containsExactly("127.0.0.1:" + b.port());
    }

    @Test
    void aReaderThatDiesClosesItsForwardedConnections() throws Exception {
        LineServer a = server("a");
        publish(new ReaderDirectory(dir), 0, a);
        SluiceFront front = front(Duration.ofSeconds(5));
        Client open = new Client(front.port(HttpService.STREAMS));
        toClose.add(open);
        assertThat(open.ask("x")).isEqualTo("a:x");

        a.close(); // its entry stays: the process died without withdrawing it

        assertThat(open.awaitClosed()).isTrue();
    }

    @Test
    void aConnectionWaitsForAReaderToBePublished() throws Exception {
        SluiceFront front = front(Duration.ofSeconds(20));
        Client waiting = new Client(front.port(HttpService.STREAMS));
        toClose.add(waiting);
        waiting.send("early");

        LineServer a = server("a");
        publish(new ReaderDirectory(dir), 0, a);

        assertThat(waiting.readLine()).isEqualTo("a:early");
    }

    @Test
    void aConnectionIsClosedWhenNoReaderAppearsInTime() throws Exception {
        SluiceFront front = front(Duration.ofMillis(500));
        long start = System.nanoTime();
        try (Client client = new Client(front.port(HttpService.STREAMS))) {
            client.send("nobody");
            assertThat(client.awaitClosed()).isTrue();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void refusesToStartWithoutAPublishDirectory() {
        assertThatThrownBy(() -> SluiceFront.start(new Configuration()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sluice.http.publish-dir")
                .hasMessageContaining("sluice.firehose.http.publish-dir");
    }

    @Test
    void servesFirehoseFromItsOwnDirectoryOnItsOwnPort() throws Exception {
        Path firehoseDir = Files.createDirectories(dir.resolve("firehose"));
        LineServer f = server("f");
        new ReaderDirectory(firehoseDir).publish(new ReaderAddress("firehose", 0, 5L, "127.0.0.1", f.port()));
        Configuration conf = new Configuration();
        conf.set(HttpSourceOptions.FIREHOSE.publishDir, firehoseDir.toString());
        conf.set(FrontOptions.FIREHOSE_PORT, 0);
        conf.set(FrontOptions.HOST, "127.0.0.1");
        SluiceFront front = SluiceFront.start(conf);
        toClose.add(front);

        try (Client client = new Client(front.port(HttpService.FIREHOSE))) {
            assertThat(client.ask("put")).isEqualTo("f:put");
        }
        assertThatThrownBy(() -> front.port(HttpService.STREAMS)).hasMessageContaining("does not serve streams");
    }

    private SluiceFront front(Duration readerWait) throws Exception {
        Configuration conf = new Configuration();
        conf.set(HttpSourceOptions.STREAMS.publishDir, dir.toString());
        conf.set(FrontOptions.HOST, "127.0.0.1");
        conf.set(FrontOptions.STREAMS_PORT, 0);
        conf.set(FrontOptions.READER_WAIT, readerWait);
        conf.set(FrontOptions.SCAN_INTERVAL, Duration.ofMillis(50));
        conf.set(FrontOptions.QUARANTINE, Duration.ofMinutes(1));
        SluiceFront front = SluiceFront.start(conf);
        toClose.add(front);
        return front;
    }

    private LineServer server(String name) throws IOException {
        LineServer server = new LineServer(name);
        toClose.add(server);
        return server;
    }

    private static ReaderDirectory.Publication publish(ReaderDirectory readers, int subtask, LineServer server) throws IOException {
        return readers.publish(new ReaderAddress("streams", subtask, 100L + subtask, "127.0.0.1", server.port()));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition within 10 s").isNegative();
            Thread.sleep(20); // polling interval of a deadline loop
        }
    }

    /** A plain TCP client of the front, reading lines with a timeout. */
    private static final class Client implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;

        Client(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        }

        void send(String line) throws IOException {
            socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        }

        String readLine() throws IOException {
            return in.readLine();
        }

        String ask(String line) throws IOException {
            send(line);
            return readLine();
        }

        /** True once the front closed the connection (end of stream or reset), within the read timeout. */
        boolean awaitClosed() {
            try {
                return in.readLine() == null;
            } catch (java.net.SocketTimeoutException stillOpen) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
