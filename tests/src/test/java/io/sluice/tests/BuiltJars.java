package io.sluice.tests;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The jars that {@code mvn package} builds (README "Job jars"), under the repository's module directories. They exist
 * only after {@code package}: the tests that use them run in the project's test command, {@code mvn -B verify}.
 */
final class BuiltJars {

    private BuiltJars() {}

    static String version() {
        String version = System.getProperty("sluice.version");
        if (version == null) {
            throw new IllegalStateException("system property sluice.version is not set (tests/pom.xml sets it for surefire)");
        }
        return version;
    }

    /** {@code flink-sql-connector-sluice-<version>.jar}: the table connectors for Flink's lib/, all but Flink relocated. */
    static Path sqlConnector() {
        return built(Path.of("common", "target", "flink-sql-connector-sluice-" + version() + ".jar"));
    }

    /** {@code sluice-common-<version>.jar}, unshaded: what a user project depends on through Maven. */
    static Path common() {
        return built(Path.of("common", "target", "sluice-common-" + version() + ".jar"));
    }

    /** The job jar of {@code module} ({@code ingest-job}, {@code delivery-job}, {@code analytics-job}). */
    static Path job(String module) {
        return built(Path.of(module, "target", "sluice-" + module + "-" + version() + "-job.jar"));
    }

    private static Path built(Path relative) {
        Path jar = EmbeddedProcess.repositoryRoot().resolve(relative);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is not built: the jar tests need mvn package first (mvn -B verify runs both)");
        }
        return jar;
    }
}
