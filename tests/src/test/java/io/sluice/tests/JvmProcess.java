package io.sluice.tests;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A JVM of its own on a classpath that a test names entry by entry (never the test's own), its output in files: a
 * program run to its end ({@link #run}), or a server that runs until closed ({@link #start}).
 */
final class JvmProcess implements AutoCloseable {

    /** What a program printed and its exit status. */
    record Result(int status, String out, String err) {}

    /** The JVM options Flink 2.3 needs on Java 17 (as the build's surefire argLine). */
    private static final List<String> FLINK_JVM_OPTIONS = List.of("--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED");

    private final Process process;
    private final Path out;
    private final Path err;

    private JvmProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code mainClass args} on {@code classpath} with {@code env} added, output in {@code dir/<name>.out|err}. */
    static JvmProcess start(Path dir, String name, List<Path> classpath, List<String> jvmOptions, String mainClass,
            List<String> args, java.util.Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FLINK_JVM_OPTIONS);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(mainClass);
        command.addAll(args);
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        return new JvmProcess(pb.start(), out, err);
    }

    /** Runs {@code mainClass args} on {@code classpath} to its end, within {@code timeout}. */
    static Result run(Path dir, String name, List<Path> classpath, String mainClass, List<String> args, Duration timeout)
            throws Exception {
        try (JvmProcess jvm = start(dir, name, classpath, List.of("-Xmx768m"), mainClass, args, java.util.Map.of())) {
            if (!jvm.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " did not end within " + timeout + "; it printed:\n" + jvm.out() + jvm.err());
            }
            return new Result(jvm.process.exitValue(), jvm.out(), jvm.err());
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    String out() throws Exception {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String err() throws Exception {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Kills the JVM at once ({@code kill -9}) and waits until it is gone. */
    void kill() throws Exception {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the JVM " + process.pid() + " survived kill -9 for 30 s");
        }
    }

    @Override
    public void close() throws Exception {
        EmbeddedProcess.stopTree(process);
    }
}
