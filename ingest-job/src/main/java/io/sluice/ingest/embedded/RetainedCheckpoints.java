package io.sluice.ingest.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the newest complete checkpoint (a {@code chk-N} directory with {@code _metadata}), or savepoint (a
 * {@code savepoint-*} directory with {@code _metadata}), under a directory.
 */
public final class RetainedCheckpoints {

    private RetainedCheckpoints() {}

    public static Optional<Path> latest(Path checkpointsDir) throws IOException {
        return newest(checkpointsDir, "chk-");
    }

    /** The savepoints under {@code savepointsDir} (where Flink's REST call was told to write them), newest first. */
    public static List<Path> savepointsNewestFirst(Path savepointsDir) throws IOException {
        if (!Files.isDirectory(savepointsDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(savepointsDir, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .filter(p -> p.getParent().getFileName().toString().startsWith("savepoint-"))
                    .sorted(Comparator.comparing(RetainedCheckpoints::modified).reversed())
                    .map(Path::getParent)
                    .toList();
        }
    }

    private static Optional<Path> newest(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(dir, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .filter(p -> p.getParent().getFileName().toString().startsWith(prefix))
                    .max(Comparator.comparing(RetainedCheckpoints::modified))
                    .map(Path::getParent);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
