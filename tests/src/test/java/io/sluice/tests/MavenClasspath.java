package io.sluice.tests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The runtime classpath of a small stand-alone {@code pom.xml} under {@code tests/src/test/jars/} (a user project, a
 * cluster's {@code lib/}), resolved by the Maven that runs the build ({@code dependency:build-classpath}, offline when
 * the build is), so that a test can start a JVM on exactly those jars and nothing of the project's classpath.
 */
final class MavenClasspath {

    private MavenClasspath() {}

    /** The jars of {@code tests/src/test/jars/<project>/pom.xml}; {@code work} holds the output and log. */
    static List<Path> of(String project, Path work) throws Exception {
        Path pom = EmbeddedProcess.repositoryRoot().resolve("tests/src/test/jars").resolve(project).resolve("pom.xml");
        Path out = work.resolve(project + ".classpath");
        Path log = work.resolve(project + ".mvn.log");
        String home = System.getProperty("maven.home");
        List<String> command = new ArrayList<>(List.of(home == null ? "mvn" : Path.of(home, "bin", "mvn").toString(),
                "-B", "-ntp", "-q", "-f", pom.toString(), "dependency:build-classpath", "-Dmdep.outputFile=" + out));
        if ("offline=true".equals(System.getProperty("sluice.maven.offline"))) {
            command.add("-o");
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process mvn = pb.start();
        try {
            if (!mvn.waitFor(5, TimeUnit.MINUTES) || mvn.exitValue() != 0) {
                throw new IllegalStateException("Resolving " + pom + " failed:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
        } finally {
            EmbeddedProcess.stopTree(mvn);
        }
        return Arrays.stream(Files.readString(out, StandardCharsets.UTF_8).strip().split(java.io.File.pathSeparator))
                .map(Path::of).toList();
    }
}
