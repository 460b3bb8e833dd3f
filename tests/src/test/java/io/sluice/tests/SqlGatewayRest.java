package io.sluice.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A session of Flink's SQL Gateway through its REST API (v1), as a tool other than bin/sql would use it: open a
 * session, submit statements, fetch their rows page by page, close them.
 */
final class SqlGatewayRest implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String session;

    private SqlGatewayRest(URI base, String session) {
        this.base = base;
        this.session = session;
    }

    /** Opens a session on the gateway at {@code gateway} (e.g. http://127.0.0.1:8083). */
    static SqlGatewayRest openSession(URI gateway) throws Exception {
        URI base = gateway.resolve("/v1/");
        SqlGatewayRest opening = new SqlGatewayRest(base, null);
        JsonNode opened = opening.send("POST", base.resolve("sessions"), "{}");
        return new SqlGatewayRest(base, opened.get("sessionHandle").asText());
    }

    /** Submits {@code statement}; returns its operation handle. */
    String submit(String statement) throws Exception {
        String body = JSON.writeValueAsString(JSON.createObjectNode().put("statement", statement));
        return send("POST", sessionUri("statements"), body).get("operationHandle").asText();
    }

    /** The operation's status (RUNNING, FINISHED, CANCELED, ERROR, ...). */
    String status(String operation) throws Exception {
        return send("GET", sessionUri("operations/" + operation + "/status"), null).get("status").asText();
    }

    /** One page of the operation's result: {@code resultType}, {@code results.data}, {@code jobID}, {@code nextResultUri}. */
    JsonNode fetch(String operation, long token) throws Exception {
        return send("GET", sessionUri("operations/" + operation + "/result/" + token + "?rowFormat=JSON"), null);
    }

    /**
     * Fetches the operation's rows (each row's fields as a list) page by page until {@code done} holds for the rows so
     * far or the result ends; fails when {@code timeout} passes first.
     */
    Rows fetchUntil(String operation, Predicate<List<List<Object>>> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<List<Object>> rows = new ArrayList<>();
        String jobId = null;
        long token = 0;
        while (!done.test(rows)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Within " + timeout + " only these rows arrived: " + rows);
            }
            JsonNode page = fetch(operation, token);
            if (page.hasNonNull("jobID")) {
                jobId = page.get("jobID").asText();
            }
            for (JsonNode row : page.path("results").path("data")) {
                List<Object> fields = new ArrayList<>();
                row.get("fields").forEach(f -> fields.add(f.isNumber() ? (Object) f.asLong() : f.isNull() ? null : f.asText()));
                rows.add(fields);
            }
            if ("EOS".equals(page.get("resultType").asText())) {
                break;
            }
            String next = page.get("nextResultUri").asText();
            token = Long.parseLong(next.substring(next.lastIndexOf('/') + 1).replaceAll("\\?.*", ""));
            if ("NOT_READY".equals(page.get("resultType").asText()) || page.path("results").path("data").isEmpty()) {
                Thread.sleep(100); // polling interval of a deadline loop
            }
        }
        return new Rows(jobId, rows);
    }

    /**
     * Closes the operation and drops its result; a streaming query's job is cancelled with it. (Cancelling the operation
     * does not do for a query: its operation is FINISHED as soon as the job runs and its rows can be fetched.)
     */
    void closeOperation(String operation) throws Exception {
        send("DELETE", sessionUri("operations/" + operation + "/close"), null);
    }

    @Override
    public void close() throws Exception {
        send("DELETE", base.resolve("sessions/" + session), null);
    }

    private URI sessionUri(String path) {
        return base.resolve("sessions/" + session + "/" + path);
    }

    private JsonNode send(String method, URI uri, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(method + " " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The rows fetched, and the job that produced them (null for a statement without a job). */
    record Rows(String jobId, List<List<Object>> rows) {}
}
