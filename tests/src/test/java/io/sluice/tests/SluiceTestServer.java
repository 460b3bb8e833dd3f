package io.sluice.tests;

import io.sluice.common.http.HttpSourceOptions;
import io.sluice.delivery.DeliveryJob;
import io.sluice.delivery.DeliveryOptions;
import io.sluice.ingest.IngestJob;
import io.sluice.ingest.IngestOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a Sluice service job (the ingest job, or the Firehose delivery job) on the test's MiniCluster
 * (from {@code MiniClusterExtension}) with its endpoint on a free loopback port, and waits until the
 * endpoint answers.
 */
public final class SluiceTestServer implements AutoCloseable {

    public static final String TOKEN_SECRET = "test-secret";

    private final JobClient job;
    private final URI endpoint;

    private SluiceTestServer(JobClient job, URI endpoint) {
        this.job = job;
        this.endpoint = endpoint;
    }

    public static SluiceTestServer start(Path checkpointDir, Configuration overrides) throws Exception {
        int port = freePort();
        Configuration conf = new Configuration();
        conf.set(HttpSourceOptions.HOST, "127.0.0.1");
        conf.set(HttpSourceOptions.PORT, port);
        conf.set(IngestOptions.TOKEN_SECRET, TOKEN_SECRET);
        conf.set(IngestOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(50));
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
        // Tests of other features read and write as fast as they can; ThrottlingITCase switches the limits on.
        conf.set(IngestOptions.THROTTLING, false);
        // Short enough to wait out after every reshard. Too short to rely on seeing UPDATING:
        // ReshardingWhileUpdatingITCase sets a delay longer than itself for that.
        conf.set(IngestOptions.UPDATE_DELAY, Duration.ofMillis(500));
        conf.addAll(overrides);
        conf = IngestJob.withDefaults(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        // The test cluster's environment sets its own parallelism (all slots) over the configuration's; one that a test
        // sets (savepoint tests restore at other parallelisms) is meant.
        conf.getOptional(CoreOptions.DEFAULT_PARALLELISM).ifPresent(env::setParallelism);
        IngestJob.build(env, conf);
        return launch(env, "sluice-ingest-test", conf.get(HttpSourceOptions.PORT)); // an override's port, if it set one
    }

    /**
     * Runs the Firehose delivery job the same way: endpoint on a free loopback port, checkpoints every
     * 50 ms in {@code checkpointDir}, {@code overrides} on top (buckets, clock, ...).
     */
    public static SluiceTestServer startFirehose(Path checkpointDir, Configuration overrides) throws Exception {
        int port = freePort();
        Configuration conf = new Configuration();
        conf.set(HttpSourceOptions.FIREHOSE.host, "127.0.0.1");
        conf.set(HttpSourceOptions.FIREHOSE.port, port);
        conf.set(DeliveryOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(50));
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
        conf.addAll(overrides);
        conf = DeliveryJob.withDefaults(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        conf.getOptional(CoreOptions.DEFAULT_PARALLELISM).ifPresent(env::setParallelism); // as in start
        DeliveryJob.build(env, conf);
        return launch(env, "sluice-firehose-test", conf.get(HttpSourceOptions.FIREHOSE.port));
    }

    private static SluiceTestServer launch(StreamExecutionEnvironment env, String jobName, int port) throws Exception {
        JobClient job = env.executeAsync(jobName);
        SluiceTestServer server = new SluiceTestServer(job, URI.create("http://127.0.0.1:" + port));
        server.awaitReady(Duration.ofSeconds(60));
        return server;
    }

    public static SluiceTestServer start(Path checkpointDir) throws Exception {
        return start(checkpointDir, new Configuration());
    }

    public URI endpoint() {
        return endpoint;
    }

    public JobClient job() {
        return job;
    }

    /** Polls {@code GET /ping} until the endpoint answers or the deadline passes. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        awaitReady(endpoint, timeout);
    }

    /** Polls {@code GET /ping} of the Sluice endpoint at {@code endpoint} until it answers or the deadline passes. */
    static void awaitReady(URI endpoint, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(endpoint.resolve("/ping")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.onSpinWait();
            Thread.sleep(50); // polling interval of a deadline loop, not synchronization
        }
        throw new IllegalStateException("Sluice endpoint " + endpoint + " did not come up within " + timeout);
    }

    /**
     * Cancels the job and waits until it is terminal, so no task still writes checkpoint files. A
     * cluster that is already shut down has no running job either.
     */
    @Override
    public void close() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try {
            job.cancel().get();
            while (!job.getJobStatus().get().isGloballyTerminalState()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Job did not terminate after cancel");
                }
                Thread.sleep(20); // polling interval of a deadline loop
            }
        } catch (IllegalStateException | java.util.concurrent.ExecutionException clusterGone) {
            if (clusterGone.getMessage() != null && clusterGone.getMessage().contains("did not terminate")) {
                throw clusterGone;
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
