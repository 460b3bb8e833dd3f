package io.sluice.common.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReaderDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void publishesHostAndPortInAFileNamedByServiceSubtaskAndIncarnation() throws Exception {
        ReaderDirectory directory = new ReaderDirectory(dir.resolve("readers"));
        ReaderAddress address = new ReaderAddress("streams", 1, 0xabcL, "127.0.0.1", 34567);
        try (ReaderDirectory.Publication p = directory.publish(address)) {
            assertThat(Files.readString(dir.resolve("readers/streams-1-0000000000000abc"))).isEqualTo("127.0.0.1:34567\n");
            assertThat(directory.list("streams")).containsExactly(address);
            assertThat(directory.list("firehose")).isEmpty();
        }
        assertThat(directory.list("streams")).isEmpty();
        try (var files = Files.list(dir.resolve("readers"))) {
            assertThat(files).as("no temporary file left behind").isEmpty();
        }
    }

    @Test
    void aNewIncarnationRemovesTheEntryAKilledOneLeftBehindButNotOtherSubtasks() throws Exception {
        ReaderDirectory directory = new ReaderDirectory(dir);
        ReaderAddress killed = new ReaderAddress("streams", 0, -1L, "127.0.0.1", 1000);
        ReaderAddress other = new ReaderAddress("streams", 1, 7L, "127.0.0.1", 1001);
        ReaderAddress firehose = new ReaderAddress("firehose", 0, 8L, "127.0.0.1", 1002);
        directory.publish(killed); // never withdrawn: kill -9
        directory.publish(other);
        directory.publish(firehose);
        assertThat(dir.resolve("streams-0-ffffffffffffffff")).exists();

        ReaderAddress restarted = new ReaderAddress("streams", 0, 9L, "127.0.0.1", 1003);
        directory.publish(restarted);

        assertThat(directory.list("streams")).containsExactly(restarted, other);
        assertThat(directory.list("firehose")).containsExactly(firehose);
    }

    @Test
    void skipsTemporaryMalformedAndForeignFiles() throws Exception {
        Files.writeString(dir.resolve(".tmp-123"), "127.0.0.1:1");
        Files.writeString(dir.resolve("streams-0-xyz"), "127.0.0.1:2");
        Files.writeString(dir.resolve("streams-1-0000000000000001"), "no port");
        Files.writeString(dir.resolve("streams-2-0000000000000001"), "127.0.0.1:99999");
        Files.writeString(dir.resolve("streamsx-3-0000000000000001"), "127.0.0.1:3");
        Files.writeString(dir.resolve("streams-4-0000000000000001"), "[::1]:4567\n");

        assertThat(new ReaderDirectory(dir).list("streams")).containsExactly(new ReaderAddress("streams", 4, 1L, "[::1]", 4567));
        assertThat(new ReaderDirectory(dir.resolve("missing")).list("streams")).isEmpty();
    }

    @Test
    void refusesServiceNamesThatWouldBreakFileNames() {
        assertThatThrownBy(() -> new ReaderAddress("my-streams", 0, 1L, "h", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("my-streams");
    }
}
