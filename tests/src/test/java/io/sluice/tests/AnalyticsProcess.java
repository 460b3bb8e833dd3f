package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code bin/analytics} run in its own process as README runs it (after {@code mvn test} built the classpath), to its end. */
final class AnalyticsProcess {

    /** What one command printed and its exit status. */
    record Result(int status, String out, String err) {}

    private AnalyticsProcess() {}

    /** Runs {@code bin/analytics args}, its output in files under {@code dir}, ignoring any SLUICE_CONF_DIR of the caller. */
    static Result run(Path dir, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(AppStreams.sql("tumbling-count.sql").getParent().getParent().resolve("bin/analytics").toString());
        command.addAll(args);
        Path out = Files.createTempFile(dir, "analytics", ".out");
        Path err = Files.createTempFile(dir, "analytics", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("SLUICE_CONF_DIR");
        Process process = pb.start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("bin/analytics ended within 120 s").isTrue();
        } finally {
            EmbeddedProcess.stopTree(process);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
