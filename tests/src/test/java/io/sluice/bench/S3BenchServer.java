package io.sluice.bench;

import io.sluice.tests.S3TestServer;
import java.util.concurrent.CountDownLatch;

/**
 * The S3-protocol server of {@code bin/bench firehose}: the end-to-end tests' {@link S3TestServer} (S3Proxy over
 * jclouds' in-memory {@code transient} store, on loopback) in a JVM of its own, so that its CPU and memory are
 * measured apart from Sluice's and from the load generator's. Runs until it is stopped (SIGTERM).
 *
 * <p>Run: {@code java -cp ... io.sluice.bench.S3BenchServer PORT}.
 */
public final class S3BenchServer {

    private S3BenchServer() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: S3BenchServer PORT");
            System.exit(2);
        }
        S3TestServer server = S3TestServer.start(Integer.parseInt(args[0]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("S3Proxy did not stop cleanly: " + e);
            }
            stopped.countDown();
        }, "s3-stop"));
        System.out.println("S3Proxy (in-memory) on " + server.endpoint() + ", access key " + S3TestServer.ACCESS_KEY);
        stopped.await();
    }
}
