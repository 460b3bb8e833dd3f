package io.sluice.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.front.ReaderAddress;
import io.sluice.common.front.ReaderDirectory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reader with a publish directory publishes where it listens, replaces a killed predecessor's entry, withdraws on close. */
class HttpSourceReaderPublishTest {

    @TempDir
    Path dir;

    @Test
    void publishesItsBoundAddressAndWithdrawsItOnClose() throws Exception {
        Files.writeString(dir.resolve("streams-0-00000000000000aa"), "127.0.0.1:1\n"); // left by a kill -9
        HttpSourceReader reader = new HttpSourceReader(settings("127.0.0.1", dir.toString()), new TestingReaderContext());
        reader.start();
        try {
            List<ReaderAddress> published = new ReaderDirectory(dir).list("streams");
            assertThat(published).hasSize(1);
            ReaderAddress address = published.get(0);
            assertThat(address.subtask()).isZero();
            assertThat(address.host()).isEqualTo("127.0.0.1");
            assertThat(address.incarnation()).isNotEqualTo(0xaaL);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), address.port())) {
                assertThat(socket.isConnected()).isTrue();
            }
        } finally {
            reader.close();
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void boundToAllAddressesItPublishesTheTaskManagersHost() throws Exception {
        HttpSourceReader reader = new HttpSourceReader(settings("0.0.0.0", dir.toString()), new TestingReaderContext());
        reader.start();
        try {
            assertThat(new ReaderDirectory(dir).list("streams")).extracting(ReaderAddress::host)
                    .containsExactly(new TestingReaderContext().getLocalHostName());
        } finally {
            reader.close();
        }
    }

    @Test
    void withoutAPublishDirectoryNothingIsWritten() throws Exception {
        HttpSourceReader reader = new HttpSourceReader(settings("127.0.0.1", null), new TestingReaderContext());
        reader.start();
        reader.close();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    private static HttpEndpointSettings settings(String host, String publishDir) {
        return new HttpEndpointSettings(HttpService.STREAMS, host, 0, 1 << 20, 100, 1 << 20, Duration.ofSeconds(30), 1,
                Duration.ofMillis(100), publishDir, false);
    }
}
