package io.sluice.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A standalone Flink 2.3 session cluster in JVMs of its own, started as Flink's scripts start one: a JobManager
 * ({@code StandaloneSessionClusterEntrypoint}) and one or more TaskManagers ({@code TaskManagerRunner}) on the jars of a
 * distribution's {@code lib/} only (tests/src/test/jars/flink-lib; flink-dist itself is not on Maven Central), with the
 * REST API on a free loopback port. The stand-in for a stock cluster in the jar tests: jobs reach it only as jars,
 * through {@code /jars/upload} and {@code /jars/:id/run}. A fault test can kill a TaskManager ({@link #killTaskManager}).
 */
final class StandaloneFlink implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final URI rest;
    private final JvmProcess jobManager;
    private final List<JvmProcess> taskManagers;
    private int restarts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private StandaloneFlink(Path dir, URI rest, JvmProcess jobManager, List<JvmProcess> taskManagers) {
        this.dir = dir;
        this.rest = rest;
        this.jobManager = jobManager;
        this.taskManagers = taskManagers;
    }

    /** Starts the cluster in {@code dir} (its config.yaml, logs, checkpoints) with one TaskManager of {@code slots} slots. */
    static StandaloneFlink start(Path dir, int slots) throws Exception {
        return start(dir, 1, slots, Map.of());
    }

    /**
     * Starts the cluster in {@code dir} with {@code taskManagers} TaskManagers of {@code slots} slots each; {@code config}
     * adds to or replaces keys of the config.yaml written here (restart strategy, checkpoint interval, ...).
     */
    static StandaloneFlink start(Path dir, int taskManagerCount, int slots, Map<String, String> config) throws Exception {
        List<Path> lib = MavenClasspath.of("flink-lib", dir);
        int restPort = EmbeddedProcess.freePort();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("config.yaml"), withOverrides(List.of(
                "jobmanager.rpc.address: 127.0.0.1",
                "jobmanager.rpc.port: " + EmbeddedProcess.freePort(),
                "jobmanager.bind-host: 127.0.0.1",
                "jobmanager.memory.process.size: 768m",
                "pekko.startup-timeout: 60 s", // Flink's 10 s is not always enough on a loaded 2-core machine
                "taskmanager.host: 127.0.0.1",
                "taskmanager.bind-host: 127.0.0.1",
                "taskmanager.numberOfTaskSlots: " + slots,
                // What Flink's scripts pass a TaskManager as dynamic properties (BashJavaUtils GET_TM_RESOURCE_PARAMS),
                // written out; the JVM flags below match: heap 128m + 384m, direct 128m + 0m + 64m, metaspace 256m.
                "taskmanager.cpu.cores: " + slots,
                "taskmanager.memory.framework.heap.size: 128m",
                "taskmanager.memory.task.heap.size: 384m",
                "taskmanager.memory.managed.size: 256m",
                "taskmanager.memory.framework.off-heap.size: 128m",
                "taskmanager.memory.task.off-heap.size: 0m",
                "taskmanager.memory.network.min: 64m",
                "taskmanager.memory.network.max: 64m",
                "taskmanager.memory.jvm-metaspace.size: 256m",
                "taskmanager.memory.jvm-overhead.min: 192m",
                "taskmanager.memory.jvm-overhead.max: 192m",
                "rest.address: 127.0.0.1",
                "rest.bind-address: 127.0.0.1",
                "rest.port: " + restPort,
                "web.upload.dir: " + dir.resolve("uploads"),
                "execution.checkpointing.dir: " + dir.resolve("checkpoints").toUri(),
                "parallelism.default: 1"), config), StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("log4j.properties"), String.join("\n",
                "rootLogger.level = INFO", "rootLogger.appenderRef.out.ref = out",
                "appender.out.type = Console", "appender.out.name = out", "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n", ""), StandardCharsets.UTF_8);
        Map<String, String> env = Map.of("FLINK_CONF_DIR", conf.toString());
        String log4j = "-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri();
        List<String> args = List.of("--configDir", conf.toString());
        JvmProcess jm = JvmProcess.start(dir, "jobmanager", lib, List.of("-Xmx512m", log4j),
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", args, env);
        List<JvmProcess> tms = new ArrayList<>();
        try {
            for (int i = 0; i < taskManagerCount; i++) {
                // The first keeps the name the single-TaskManager tests have always read: taskmanager.out.
                tms.add(startTaskManager(dir, i == 0 ? "taskmanager" : "taskmanager-" + i, lib));
            }
            StandaloneFlink flink = new StandaloneFlink(dir, URI.create("http://127.0.0.1:" + restPort), jm, tms);
            flink.awaitSlots(taskManagerCount * slots, Duration.ofSeconds(90));
            return flink;
        } catch (Exception | AssertionError e) {
            for (JvmProcess tm : tms) {
                tm.close();
            }
            jm.close();
            throw e;
        }
    }

    private static JvmProcess startTaskManager(Path dir, String name, List<Path> lib) throws Exception {
        Path conf = dir.resolve("conf");
        return JvmProcess.start(dir, name, lib, List.of("-Xms512m", "-Xmx512m", "-XX:MaxDirectMemorySize=192m", "-XX:MaxMetaspaceSize=256m",
                        "-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri()),
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", List.of("--configDir", conf.toString()),
                Map.of("FLINK_CONF_DIR", conf.toString()));
    }

    /**
     * Starts a new TaskManager in place of TaskManager {@code index} (killed before), as a supervisor (systemd, Kubernetes)
     * would, and waits until the cluster offers {@code slots} slots again. Its output goes to
     * {@code <name>-<restart>.out}, beside the killed one's.
     */
    void replaceTaskManager(int index, int slots, Duration timeout) throws Exception {
        JvmProcess killed = taskManagers.get(index);
        if (killed.alive()) {
            throw new IllegalStateException("TaskManager " + index + " is still running");
        }
        restarts++;
        taskManagers.set(index, startTaskManager(dir, "taskmanager-" + index + "-restart-" + restarts, MavenClasspath.of("flink-lib", dir)));
        awaitSlots(slots, timeout);
    }

    /** The config.yaml lines {@code base} with {@code overrides} replacing keys of the same name or added at the end. */
    private static String withOverrides(List<String> base, Map<String, String> overrides) {
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : base) {
            int colon = line.indexOf(": ");
            lines.put(line.substring(0, colon), line.substring(colon + 2));
        }
        lines.putAll(overrides);
        StringBuilder yaml = new StringBuilder();
        lines.forEach((key, value) -> yaml.append(key).append(": ").append(value).append('\n'));
        return yaml.toString();
    }

    /** Kills TaskManager {@code index} as {@code kill -9} does: no shutdown hook, no goodbye to the JobManager. */
    void killTaskManager(int index) throws Exception {
        taskManagers.get(index).kill();
    }

    /** The number of distinct TaskManagers that run subtasks of the job's vertex whose name contains {@code vertexName}. */
    int taskManagersRunning(String jobId, String vertexName) throws Exception {
        Set<String> ids = new HashSet<>();
        for (JsonNode vertex : call(HttpRequest.newBuilder(rest.resolve("/jobs/" + jobId)).GET()).path("vertices")) {
            if (vertex.path("name").asText().contains(vertexName)) {
                JsonNode tms = call(HttpRequest.newBuilder(rest.resolve("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText()
                        + "/taskmanagers")).GET()).path("taskmanagers");
                for (JsonNode tm : tms) {
                    if (tm.path("status").asText().equals("RUNNING")) {
                        ids.add(tm.path("taskmanager-id").asText());
                    }
                }
            }
        }
        return ids.size();
    }

    URI rest() {
        return rest;
    }

    /** {@code POST /jars/upload}: the jar's id on the cluster. */
    String upload(Path jar) throws Exception {
        String boundary = UUID.randomUUID().toString();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"" + jar.getFileName()
                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode answer = call(HttpRequest.newBuilder(rest.resolve("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        String file = answer.path("filename").asText();
        return file.substring(file.lastIndexOf('/') + 1);
    }

    /** {@code POST /jars/:id/run} with {@code entryClass} and {@code programArgsList}: the job's id. */
    String run(String jarId, String entryClass, List<String> programArgs) throws Exception {
        ObjectNode request = JSON.createObjectNode().put("entryClass", entryClass);
        programArgs.forEach(request.putArray("programArgsList")::add);
        JsonNode answer = call(HttpRequest.newBuilder(rest.resolve("/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request.toString())));
        return answer.path("jobid").asText();
    }

    /** {@code GET /jobs/:id}: the job's state (RUNNING, FAILED, ...). */
    String jobState(String jobId) throws Exception {
        return call(HttpRequest.newBuilder(rest.resolve("/jobs/" + jobId)).GET()).path("state").asText();
    }

    /** {@code GET /jobs/:id/exceptions}: the root exception's text, for messages. */
    String jobException(String jobId) throws Exception {
        return call(HttpRequest.newBuilder(rest.resolve("/jobs/" + jobId + "/exceptions")).GET()).path("root-exception").asText();
    }

    /** Waits until the job is RUNNING with all its tasks running, or fails with the job's exception. */
    void awaitRunning(String jobId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = call(HttpRequest.newBuilder(rest.resolve("/jobs/" + jobId)).GET());
            String state = job.path("state").asText();
            if (state.equals("FAILED") || state.equals("CANCELED") || state.equals("FINISHED")) {
                throw new IllegalStateException("job " + jobId + " is " + state + ": " + jobException(jobId));
            }
            boolean allRunning = job.path("vertices").size() > 0;
            for (JsonNode vertex : job.path("vertices")) {
                allRunning &= vertex.path("status").asText().equals("RUNNING");
            }
            if (state.equals("RUNNING") && allRunning) {
                return;
            }
            Thread.sleep(200); // polling interval of a deadline loop
        }
        throw new IllegalStateException("job " + jobId + " did not run within " + timeout + ": " + jobException(jobId));
    }

    void cancel(String jobId) throws Exception {
        http.send(HttpRequest.newBuilder(rest.resolve("/jobs/" + jobId + "?mode=cancel")).method("PATCH",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitSlots(int slots, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JvmProcess taskManager : taskManagers) {
                if (!jobManager.alive() || !taskManager.alive()) {
                    throw new IllegalStateException("the cluster exited while starting; JobManager:\n" + tail(jobManager)
                            + "\nTaskManager:\n" + tail(taskManager));
                }
            }
            try {
                if (call(HttpRequest.newBuilder(rest.resolve("/overview")).GET()).path("slots-total").asInt() == slots) {
                    return;
                }
            } catch (IOException notYet) {
                // the REST endpoint is not up yet
            }
            Thread.sleep(200); // polling interval of a deadline loop
        }
        throw new IllegalStateException("the cluster did not offer " + slots + " slots within " + timeout);
    }

    /** The end of what {@code jvm} printed (its log goes to stdout). */
    private static String tail(JvmProcess jvm) throws Exception {
        String all = jvm.out() + jvm.err();
        return all.substring(Math.max(0, all.length() - 6000));
    }

    private JsonNode call(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    @Override
    public void close() throws Exception {
        try {
            for (JvmProcess taskManager : taskManagers) {
                taskManager.close();
            }
        } finally {
            jobManager.close();
        }
    }
}
