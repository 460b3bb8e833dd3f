package io.sluice.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sluice started the way README starts it, {@code bin/sluice --no-build} (after {@code mvn test} compiled it),
 * in its own process with its output in a log file; stopped with everything it started.
 */
final class EmbeddedProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private EmbeddedProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code bin/sluice --no-build} with {@code args}, ignoring any SLUICE_CONF_DIR of the caller; its SQL Gateway
     * on a free port unless {@code args} name one (on 8083 it would collide with any other Sluice on the machine).
     */
    static EmbeddedProcess start(Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(repositoryRoot().resolve("bin/sluice").toString());
        command.add("--no-build");
        command.addAll(args);
        if (args.stream().noneMatch(a -> a.startsWith("sql-gateway.endpoint.rest.port="))) {
            command.add("sql-gateway.endpoint.rest.port=" + freePort());
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("SLUICE_CONF_DIR");
        return new EmbeddedProcess(pb.redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
    }

    Process process() {
        return process;
    }

    /** Polls {@code GET /ping} on {@code endpoint} until it answers; fails with the log if the process exits or time runs out. */
    void awaitPing(URI endpoint, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Embedded Sluice exited:\n" + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(endpoint.resolve("/ping")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100); // polling interval of a deadline loop
        }
        throw new AssertionError("Embedded Sluice did not answer within " + timeout + ":\n" + Files.readString(log));
    }

    /** Stops the process and whatever it started (bin/sluice execs java, so the process is the JVM). */
    @Override
    public void close() throws Exception {
        stopTree(process);
    }

    static void stopTree(Process process) throws Exception {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                p.destroyForcibly();
                p.onExit().get(10, TimeUnit.SECONDS);
            }
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's root: the first directory above the working directory that holds bin/sluice. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin/sluice"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No bin/sluice above " + Path.of("").toAbsolutePath());
    }
}
