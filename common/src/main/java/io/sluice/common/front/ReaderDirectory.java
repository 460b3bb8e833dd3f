package io.sluice.common.front;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory where HTTP source readers publish where they listen and a {@link SluiceFront} reads it: one small file
 * per reader incarnation ({@link ReaderAddress#fileName()}, content {@code host:port}), written to a temporary file and
 * renamed, so a reader of the directory never sees half an entry. A reader withdraws its entry when it closes; one
 * killed with {@code kill -9} leaves it behind, and then the next incarnation of the same subtask removes it when it
 * publishes (one job never runs two incarnations of a subtask at once), while the front forgets an address that
 * refuses connections until then.
 */
public final class ReaderDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ReaderDirectory.class);
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path dir;

    public ReaderDirectory(Path dir) {
        this.dir = dir;
    }

    public Path path() {
        return dir;
    }

    /**
     * Publishes {@code address} (creating the directory if needed) after removing the entries of earlier incarnations
     * of the same reader; closing the returned handle withdraws it.
     */
    public Publication publish(ReaderAddress address) throws IOException {
        Files.createDirectories(dir);
        removeEarlierIncarnations(address);
        Path target = dir.resolve(address.fileName());
        Path temp = Files.createTempFile(dir, TEMP_PREFIX, "");
        try {
            Files.writeString(temp, address.hostAndPort() + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        LOG.info("Published reader {} in {}", address, dir);
        return new Publication(target, address);
    }

    /** The addresses published for {@code service} now, by subtask; unreadable or malformed entries are skipped. */
    public List<ReaderAddress> list(String service) {
        List<ReaderAddress> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, service + "-*")) {
            for (Path file : files) {
                String content;
                try {
                    content = Files.readString(file, StandardCharsets.UTF_8);
                } catch (NoSuchFileException withdrawnMeanwhile) {
                    continue;
                }
                ReaderAddress.parse(service, file.getFileName().toString(), content).ifPresent(found::add);
            }
        } catch (NoSuchFileException gone) {
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the reader directory " + dir, e);
        }
        found.sort(Comparator.comparingInt(ReaderAddress::subtask).thenComparing(ReaderAddress::hostAndPort));
        return found;
    }

    private void removeEarlierIncarnations(ReaderAddress address) throws IOException {
        String prefix = ReaderAddress.fileNamePrefix(address.service(), address.subtask());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "*")) {
            for (Path file : files) {
                if (!file.getFileName().toString().equals(address.fileName()) && Files.deleteIfExists(file)) {
                    LOG.info("Removed the entry of an earlier incarnation of reader {}: {}", address, file.getFileName());
                }
            }
        }
    }

    /** One published entry; {@link #close()} withdraws it (and never fails the reader that closes). */
    public static final class Publication implements AutoCloseable {
        private final Path file;
        private final ReaderAddress address;

        private Publication(Path file, ReaderAddress address) {
            this.file = file;
            this.address = address;
        }

        public ReaderAddress address() {
            return address;
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
                LOG.info("Withdrew reader {}", address);
            } catch (IOException e) {
                LOG.warn("Could not withdraw reader {} ({}); the front forgets it once it refuses connections", address, file, e);
            }
        }
    }
}
