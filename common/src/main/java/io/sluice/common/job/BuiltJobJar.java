package io.sluice.common.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The shaded job jar that {@code mvn package} builds for a module ({@code <module>/target/sluice-<module>-<version>-job.jar},
 * README "Job jars"), found under the repository's root: what the command-line tools ship with a job they submit to a
 * cluster ({@code pipeline.jars}), so that a stock Flink cluster runs it without Sluice's classes installed.
 */
public final class BuiltJobJar {

    private BuiltJobJar() {}

    /** The module's job jar under {@code root}, if it was built. */
    public static Optional<Path> of(Path root, String module) {
        Path target = root.resolve(module).resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        String prefix = "sluice-" + module + "-";
        try (Stream<Path> files = Files.list(target)) {
            // The newest, should target/ still hold an older version's jar.
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith("-job.jar"))
                    .max(Comparator.comparing(BuiltJobJar::modified));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot look for the job jar in " + target, e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
