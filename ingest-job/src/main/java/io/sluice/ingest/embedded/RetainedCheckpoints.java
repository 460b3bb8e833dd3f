package io.sluice.ingest.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the newest complete checkpoint (a {@code chk-N} directory with {@code _metadata}) under a directory. */
public final class RetainedCheckpoints {

    private RetainedCheckpoints() {}

    public static Optional<Path> latest(Path checkpointsDir) throws IOException {
        if (!Files.isDirectory(checkpointsDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(checkpointsDir, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .filter(p -> p.getParent().getFileName().toString().startsWith("chk-"))
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
