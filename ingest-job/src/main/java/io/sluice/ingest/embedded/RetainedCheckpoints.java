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
        return newestFirst(checkpointsDir, "chk-").stream().findFirst();
    }

    /** The savepoints under {@code savepointsDir} (where Flink's REST call was told to write them), newest first. */
    public static List<Path> savepointsNewestFirst(Path savepointsDir) throws IOException {
        return newestFirst(savepointsDir, "savepoint-");
    }

    /** The directories named {@code prefix*} with a {@code _metadata} under {@code dir}, newest first. */
    private static List<Path> newestFirst(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .filter(p -> p.getParent().getFileName().toString().startsWith(prefix))
                    .sorted(Comparator.comparing(RetainedCheckpoints::modified).reversed())
                    .map(Path::getParent)
                    .toList();
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
