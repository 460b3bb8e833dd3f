package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.front.ReaderAddress;
import io.sluice.common.front.ReaderDirectory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The front as README starts it: {@code java -cp <ingest job jar>:<Flink lib/*> io.sluice.common.front.SluiceFront
 * key=value ...}, a JVM of its own. Bad arguments end it with a message and status 2; good ones make it forward.
 */
class SluiceFrontProcessITCase {

    private static final String MAIN = "io.sluice.common.front.SluiceFront";
    private static final Path DIR = TestDirs.create("sluice-front-process-");
    private static List<Path> classpath;

    @BeforeAll
    static void resolveClasspath() throws Exception {
        classpath = new ArrayList<>(MavenClasspath.of("flink-lib", DIR));
        classpath.add(0, BuiltJars.job("ingest-job"));
    }

    @AfterAll
    static void deleteDir() throws Exception {
        TestDirs.delete(DIR);
    }

    @Test
    void badArgumentsEndItWithAMessageAndStatusTwo() throws Exception {
        JvmProcess.Result noDirectory = JvmProcess.run(DIR, "front-no-dir", classpath, MAIN, List.of(), Duration.ofSeconds(60));
        assertThat(noDirectory.status()).isEqualTo(2);
        assertThat(noDirectory.err()).contains("sluice.http.publish-dir").contains("sluice.firehose.http.publish-dir");

        JvmProcess.Result badPort = JvmProcess.run(DIR, "front-bad-port", classpath, MAIN,
                List.of("sluice.http.publish-dir=" + DIR, "sluice.front.streams-port=forty"), Duration.ofSeconds(60));
        assertThat(badPort.status()).isEqualTo(2);
        assertThat(badPort.err()).contains("sluice.front.streams-port").contains("forty");

        JvmProcess.Result notAPair = JvmProcess.run(DIR, "front-not-a-pair", classpath, MAIN, List.of("streams"), Duration.ofSeconds(60));
        assertThat(notAPair.status()).isEqualTo(2);
        assertThat(notAPair.err()).contains("Expected key=value").contains("'streams'");
    }

    @Test
    void forwardsToAPublishedReader() throws Exception {
        Path readers = DIR.resolve("readers");
        int port = EmbeddedProcess.freePort();
        try (ServerSocket reader = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                JvmProcess front = JvmProcess.start(DIR, "front", classpath, List.of("-Xmx128m"), MAIN,
                        List.of("sluice.http.publish-dir=" + readers, "sluice.front.host=127.0.0.1", "sluice.front.streams-port=" + port),
                        Map.of())) {
            new ReaderDirectory(readers).publish(new ReaderAddress("streams", 0, 1L, "127.0.0.1", reader.getLocalPort()));
            Socket client = connect(port, front);
            try (client) {
                client.getOutputStream().write("ping\n".getBytes(StandardCharsets.UTF_8));
                try (Socket accepted = reader.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(accepted.getInputStream(), StandardCharsets.UTF_8));
                    assertThat(in.readLine()).isEqualTo("ping");
                    OutputStream out = accepted.getOutputStream();
                    out.write("pong\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    client.setSoTimeout(10_000);
                    assertThat(new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8)).readLine())
                            .isEqualTo("pong");
                }
            }
        }
    }

    /** Connects to the front once it listens (its JVM takes a moment to start). */
    private static Socket connect(int port, JvmProcess front) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return new Socket(InetAddress.getLoopbackAddress(), port);
            } catch (java.net.ConnectException notYet) {
                assertThat(front.alive()).as("the front JVM runs: %s", front.err()).isTrue();
                assertThat(System.nanoTime() - deadline).as("the front listens within 30 s").isNegative();
                Thread.sleep(100); // polling interval of a deadline loop
            }
        }
    }
}
