package io.sluice.analytics.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.analytics.app.ApplicationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a Flink cluster's REST API that {@code bin/analytics} uses: the job overview ({@code GET /jobs/overview})
 * and stop-with-savepoint ({@code POST /jobs/:id/stop}, then {@code GET /jobs/:id/savepoints/:trigger} until the
 * savepoint is done). Every failure becomes an {@link ApplicationException} that says what was asked of whom.
 */
final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(200);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FlinkRest(String host, int port) {
        this.base = URI.create("http://" + host + ":" + port);
    }

    URI base() {
        return base;
    }

    /** One row of {@code /jobs/overview}. */
    record Job(String id, String name, String state, long startTime) {

        boolean running() {
            return state.equals("RUNNING") || state.equals("CREATED") || state.equals("INITIALIZING") || state.equals("RESTARTING");
        }
    }

    /** Every job the cluster knows (running and recently finished), newest first. */
    List<Job> jobs() {
        JsonNode overview = get("/jobs/overview");
        List<Job> jobs = new ArrayList<>();
        for (JsonNode job : overview.path("jobs")) {
            jobs.add(new Job(job.path("jid").asText(), job.path("name").asText(), job.path("state").asText(), job.path("start-time").asLong()));
        }
        jobs.sort((a, b) -> Long.compare(b.startTime(), a.startTime()));
        return jobs;
    }

    /**
     * Stops the job with a savepoint in {@code targetDirectory} (without draining: windows that are still open stay in
     * the savepoint) and waits up to {@code timeout} for it; returns the savepoint's path.
     */
    String stopWithSavepoint(String jobId, String targetDirectory, Duration timeout) {
        ObjectNode body = JSON.createObjectNode().put("targetDirectory", targetDirectory).put("drain", false);
        String trigger = post("/jobs/" + jobId + "/stop", body).path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if (status.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode operation = status.path("operation");
                if (operation.hasNonNull("location")) {
                    return operation.get("location").asText();
                }
                String trace = operation.path("failure-cause").path("stack-trace").asText("(no cause given)");
                throw new ApplicationException("the savepoint of job " + jobId + " failed: " + trace.lines().findFirst().orElse(trace));
            }
            pause();
        }
        throw new ApplicationException("the savepoint of job " + jobId + " was not done within " + timeout.toSeconds() + " s");
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private JsonNode post(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApplicationException("no Flink REST API answers at " + base + " (" + describe(e) + "): is bin/sluice running,"
                    + " or does --rest=HOST:PORT name the cluster?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApplicationException("interrupted while asking " + base, e);
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ApplicationException(base + " did not answer as Flink's REST API does (HTTP " + response.statusCode() + ")", e);
        }
        if (response.statusCode() >= 300) {
            throw new ApplicationException("Flink's REST API at " + base + " answered HTTP " + response.statusCode() + ": " + json.path("errors"));
        }
        return json;
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis()); // the polling interval of a deadline loop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApplicationException("interrupted while waiting for a savepoint", e);
        }
    }
}
