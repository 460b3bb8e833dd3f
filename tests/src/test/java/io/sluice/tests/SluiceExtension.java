package io.sluice.tests;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Sluice service job (ingest, or Firehose with {@link #firehose}) per test class, with the class's own configuration, on the class's
 * MiniCluster: register it after the {@code MiniClusterExtension} (a higher {@code @Order}).
 */
public final class SluiceExtension implements BeforeAllCallback, AfterAllCallback {

    private final Configuration conf = new Configuration();
    private boolean firehose;
    private LocalBuckets buckets;
    private Path checkpoints;
    private SluiceTestServer server;

    /** Sluice as {@link SluiceTestServer} configures it for tests, with {@code settings} on top. */
    public static SluiceExtension with(Consumer<Configuration> settings) {
        SluiceExtension extension = new SluiceExtension();
        settings.accept(extension.conf);
        return extension;
    }

    /** The Firehose delivery job (instead of the ingest job), with {@code settings} on top of the test defaults. */
    public static SluiceExtension firehose(Consumer<Configuration> settings) {
        SluiceExtension extension = with(settings);
        extension.firehose = true;
        return extension;
    }

    /** The Firehose delivery job with LOCAL buckets in a temporary directory (removed after the class), {@code settings} on top. */
    public static SluiceExtension firehoseWithLocalBuckets(Consumer<Configuration> settings) {
        SluiceExtension extension = new SluiceExtension();
        extension.firehose = true;
        extension.buckets = new LocalBuckets();
        extension.buckets.configure(extension.conf);
        settings.accept(extension.conf);
        return extension;
    }

    /** The Firehose job's LOCAL buckets (see {@link #firehoseWithLocalBuckets}). */
    LocalBuckets buckets() {
        return buckets;
    }

    /** The cluster Sluice and the test's own jobs run on: one TaskManager with {@code slots} slots. */
    public static MiniClusterExtension miniCluster(int slots) {
        return miniCluster(slots, new Configuration());
    }

    /** {@link #miniCluster(int)} with {@code configuration} for the cluster itself (a metric reporter, say). */
    public static MiniClusterExtension miniCluster(int slots, Configuration configuration) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(slots).setConfiguration(configuration).build());
    }

    public static SluiceExtension defaults() {
        return new SluiceExtension();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        checkpoints = Files.createTempDirectory("sluice-it-");
        server = firehose ? SluiceTestServer.startFirehose(checkpoints, conf) : SluiceTestServer.start(checkpoints, conf);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            TestDirs.delete(checkpoints);
            if (buckets != null) {
                buckets.delete();
            }
        }
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public JobClient job() {
        return server.job();
    }

    /** Cancels a job and waits until it is terminal (its last checkpoint retained, no file still being deleted). */
    public static void cancelAndAwait(JobClient job) throws Exception {
        job.cancel().get();
        Streams.await("job " + job.getJobID() + " cancelled", () -> {
            try {
                return job.getJobStatus().join().isGloballyTerminalState();
            } catch (RuntimeException clusterGone) {
                return true; // a per-job cluster shuts down with its job
            }
        }, Duration.ofSeconds(60));
    }

    /** The directory the job's checkpoints are retained in (removed after the class). */
    public Path checkpoints() {
        return checkpoints;
    }

}
