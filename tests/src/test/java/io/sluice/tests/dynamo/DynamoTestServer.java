package io.sluice.tests.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/** An in-memory DynamoDB (the JSON protocol subset KCL 3.x uses) on a free loopback port, for tests. */
public final class DynamoTestServer implements AutoCloseable {

    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    private final DynamoService service = new DynamoService();
    private final HttpServer server;
    private final ExecutorService executor;

    private DynamoTestServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server with no tables on 127.0.0.1 and an ephemeral port. */
    public static DynamoTestServer start() {
        // Headers and body leave in two writes; without TCP_NODELAY each answer waits ~40 ms for a delayed ACK.
        // The JDK server reads this once, when its first server starts in the JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "dynamo-test-server-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(executor);
            DynamoTestServer dynamo = new DynamoTestServer(server, executor);
            server.createContext("/", dynamo::handle);
            server.start();
            return dynamo;
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException(e);
        }
    }

    /** The endpoint to give a client's {@code endpointOverride}, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            if (!exchange.getRequestMethod().equals("POST")) {
                respond(exchange, 200, "text/plain", "healthy: dynamodb.us-east-1.amazonaws.com "
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            int status = 200;
            ObjectNode response;
            try {
                response = service.invoke(exchange.getRequestHeaders().getFirst("X-Amz-Target"), request);
            } catch (DynamoException e) {
                status = 400;
                response = e.body();
            } catch (RuntimeException e) {
                status = 500;
                response = Json.object();
                response.put("__type", "com.amazon.coral.service#InternalFailure");
                response.put("message", String.valueOf(e));
                e.printStackTrace();
            }
            respond(exchange, status, CONTENT_TYPE, Json.bytes(response));
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        CRC32 crc = new CRC32();
        crc.update(body);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.getResponseHeaders().set("x-amz-crc32", Long.toString(crc.getValue()));
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
