package io.sluice.ingest.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.util.FileUtils;
import org.junit.jupiter.api.Test;

/**
 * The embedded run's copy of a savepoint it starts from (beside the committed fixture savepoint): the copy holds the
 * savepoint's files, and starting again from the copy itself (the path the start-up log names) keeps it whole.
 */
class SavepointCopyTest {

    private static final Path FIXTURE = Path.of("src/test/resources/savepoints/ingest-2026-12-05/savepoint");

    @Test
    void aSavepointIsCopiedAndTheCopyGivenAgainIsLeftAsItIs() throws Exception {
        Path dir = Files.createTempDirectory("savepoint-copy-");
        try {
            Path savepoint = dir.resolve("savepoint-fixture");
            Files.createDirectories(savepoint);
            for (Path file : files(FIXTURE)) {
                Files.copy(file, savepoint.resolve(file.getFileName()));
            }
            Path copies = dir.resolve("restored");

            Path copy = Path.of(URI.create(SavepointCopy.adopt(savepoint.toUri().toString(), copies)));
            assertThat(copy).isEqualTo(copies.resolve("savepoint-fixture"));
            assertThat(names(copy)).isEqualTo(names(FIXTURE));

            String again = SavepointCopy.adopt(copy.toUri().toString(), copies);
            assertThat(Path.of(URI.create(again))).isEqualTo(copy);
            assertThat(names(copy)).isEqualTo(names(FIXTURE));
            assertThat(Files.size(copy.resolve("_metadata"))).isEqualTo(Files.size(FIXTURE.resolve("_metadata")));
        } finally {
            FileUtils.deleteDirectory(dir.toFile());
        }
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        }
    }

    private static List<String> names(Path dir) throws Exception {
        return files(dir).stream().map(p -> p.getFileName().toString()).toList();
    }
}
