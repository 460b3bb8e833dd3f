package io.sluice.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/cluster} run as a user runs it, each command a process of its own, on a run directory and ports that the
 * test chooses ({@code SLUICE_CLUSTER_DIR}, {@code rest.port=}, {@code jobmanager.rpc.port=}), so that it never meets a
 * user's cluster on 8081. Closing it runs {@code bin/cluster stop}.
 */
final class ClusterScript implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Path script;
    private final int restPort;
    private final int frontPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A cluster to be in {@code dir} with its REST API on a free port. */
    ClusterScript(Path dir) {
        this(dir, EmbeddedProcess.repositoryRoot().resolve("bin/cluster"));
    }

    /** The same with a copy of the script elsewhere (a checkout where nothing is built). */
    ClusterScript(Path dir, Path script) {
        this.dir = dir;
        this.script = script;
        this.restPort = EmbeddedProcess.freePort();
        this.frontPort = EmbeddedProcess.freePort();
    }

    Path dir() {
        return dir;
    }

    /** The front's Streams endpoint: one address for clients, whichever TaskManager runs the readers. */
    URI streams() {
        return URI.create("http://127.0.0.1:" + frontPort);
    }

    URI rest() {
        return URI.create("http://127.0.0.1:" + restPort);
    }

    /** The key=value pairs that keep this cluster off the defaults' ports and on loopback, for {@code start}. */
    List<String> portOverrides() {
        return List.of("rest.port=" + restPort, "jobmanager.rpc.port=" + EmbeddedProcess.freePort(),
                "rest.address=127.0.0.1", "rest.bind-address=127.0.0.1", "jobmanager.rpc.address=127.0.0.1",
                "jobmanager.bind-host=127.0.0.1", "taskmanager.host=127.0.0.1", "taskmanager.bind-host=127.0.0.1",
                "sluice.front.host=127.0.0.1", "sluice.front.streams-port=" + frontPort, "sluice.front.firehose-port=" + EmbeddedProcess.freePort());
    }

    /** {@code bin/cluster ARGS}, to its end. */
    JvmProcess.Result run(List<String> args, Duration timeout) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(args);
        Path out = Files.createTempFile(dir.getParent(), "cluster-", ".out");
        Path err = Files.createTempFile(dir.getParent(), "cluster-", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("SLUICE_CLUSTER_DIR", dir.toString());
        Process process = pb.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("bin/cluster " + args + " did not end within " + timeout + ":\n" + Files.readString(err));
            }
            return new JvmProcess.Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            EmbeddedProcess.stopTree(process);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** {@code bin/cluster ARGS}, which must succeed: its standard output. */
    String succeed(List<String> args, Duration timeout) throws Exception {
        JvmProcess.Result result = run(args, timeout);
        if (result.status() != 0) {
            throw new AssertionError("bin/cluster " + args + " exited with " + result.status() + ":\n" + result.out() + result.err());
        }
        return result.out();
    }

    /** {@code bin/cluster start --taskmanagers=N} with this cluster's ports and {@code overrides}. */
    void start(int taskManagers, List<String> overrides) throws Exception {
        List<String> args = new ArrayList<>(List.of("start", "--taskmanagers=" + taskManagers));
        args.addAll(portOverrides());
        args.addAll(overrides);
        succeed(args, Duration.ofMinutes(3));
    }

    /** {@code bin/cluster submit JOB ARGS}: the job id it printed. */
    String submit(String job, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("submit", job));
        command.addAll(args);
        return succeed(command, Duration.ofMinutes(3)).strip();
    }

    /** The pid in {@code pids/NAME.pid} ({@code jobmanager}, {@code taskmanager-1}, ...). */
    long pid(String name) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("pids").resolve(name + ".pid")).strip());
    }

    /**
     * Every live process started for this run directory (bin/cluster marks each with -Dsluice.cluster.dir), found in
     * /proc: {@code ProcessHandle.Info} gives no arguments for command lines as long as a JVM's with its classpath.
     */
    List<ProcessHandle> processes() {
        String marker;
        try {
            marker = "-Dsluice.cluster.dir=" + dir.toRealPath(); // as bin/cluster resolves it (pwd -P)
        } catch (IOException neverMade) {
            return List.of();
        }
        return ProcessHandle.allProcesses().filter(p -> commandLine(p).contains(marker)).toList();
    }

    private static List<String> commandLine(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            return List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException | RuntimeException gone) {
            return List.of();
        }
    }

    /** Waits until the job is RUNNING with all its tasks running; fails at once if it ended. */
    void awaitRunning(String jobId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                JsonNode job = get("/jobs/" + jobId);
                last = job.path("state").asText();
                if (List.of("FAILED", "CANCELED", "FINISHED").contains(last)) {
                    throw new AssertionError("job " + jobId + " is " + last + ": " + get("/jobs/" + jobId + "/exceptions"));
                }
                boolean allRunning = job.path("vertices").size() > 0;
                for (JsonNode vertex : job.path("vertices")) {
                    allRunning &= vertex.path("status").asText().equals("RUNNING");
                }
                if (last.equals("RUNNING") && allRunning) {
                    return;
                }
            } catch (IOException notAnswering) {
                last = notAnswering.toString();
            }
            Thread.sleep(200); // polling interval of a deadline loop
        }
        throw new AssertionError("job " + jobId + " did not run within " + timeout + " (last: " + last + ")");
    }

    /** {@code GET path} on the REST API. */
    JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(rest().resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** {@code POST path} with a JSON body on the REST API. */
    JsonNode post(String path, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(rest().resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Takes a savepoint of the running job into {@code directory} (canonical format) and returns its location. */
    String savepoint(String jobId, Path directory, Duration timeout) throws Exception {
        String request = post("/jobs/" + jobId + "/savepoints", "{\"target-directory\": \"" + directory.toUri() + "\", \"cancel-job\": false}")
                .path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + request);
            if (status.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    throw new IOException("savepoint failed: " + operation.path("failure-cause"));
                }
                return operation.path("location").asText();
            }
            Thread.sleep(200); // polling interval of a deadline loop
        }
        throw new IOException("savepoint of " + jobId + " not completed within " + timeout);
    }

    /** The end of a process's log, for failure messages. */
    String logTail(String name) throws IOException {
        Path log = dir.resolve("log").resolve(name + ".log");
        if (!Files.exists(log)) {
            return "(no " + log + ")";
        }
        String all = Files.readString(log, StandardCharsets.UTF_8);
        return all.substring(Math.max(0, all.length() - 8000));
    }

    /** {@code bin/cluster stop}; then no process of the run directory may be left. */
    @Override
    public void close() throws Exception {
        try {
            succeed(List.of("stop"), Duration.ofMinutes(2));
        } finally {
            processes().forEach(ProcessHandle::destroyForcibly);
        }
    }
}
