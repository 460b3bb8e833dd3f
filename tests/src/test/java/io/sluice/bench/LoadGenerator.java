package io.sluice.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import io.netty.channel.ChannelOption;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The load generator: creates a stream on any Kinesis-protocol endpoint, follows every shard from
 * LATEST, drives PutRecords (or PutRecord) load for a warm-up and a measured window, then reports
 * accepted throughput, put latency and put→get visibility (HdrHistogram), errors by type, and the
 * server's CPU, peak RSS and state on disk — as a table, and as JSON with {@code --json}.
 *
 * <p>The client is the AWS SDK for Java v2 async client on Netty, so one generator thread never waits
 * on the server; {@link NullKinesisEndpoint} shows what the generator alone can drive. Options:
 * {@link LoadSpec#USAGE}. Run: {@code mvn -B -pl tests -Pbench exec:java -Dexec.args="--endpoint=..."}.
 */
public final class LoadGenerator {

    private LoadGenerator() {}

    public static void main(String[] args) throws Exception {
        LoadSpec spec;
        try {
            spec = LoadSpec.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LoadResult result = run(spec);
        System.out.print(result.table());
        if (spec.jsonOut().isPresent()) {
            result.writeJson(spec.jsonOut().get());
        }
        System.exit(0);
    }

    static LoadResult run(LoadSpec spec) throws Exception {
        String stream = "bench-" + spec.workload().replaceAll("[^a-zA-Z0-9_.-]", "_") + "-" + System.currentTimeMillis();
        long runId = System.nanoTime() ^ stream.hashCode();
        Payloads payloads = new Payloads(runId, spec.recordBytes());
        Tally tally = new Tally();
        MeasuredWindow window = new MeasuredWindow();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "follower-timer");
            t.setDaemon(true);
            return t;
        });
        try (KinesisAsyncClient kinesis = client(spec);
                ProcessProbe server = spec.serverPid().map(ProcessProbe::new).orElse(null)) {
            List<Shard> shards = createStream(kinesis, stream, spec.shards());
            List<ShardFollower> followers = new ArrayList<>();
            if (spec.consumers()) {
                for (Shard shard : shards) {
                    ShardFollower f = new ShardFollower(kinesis, stream, shard.shardId(), payloads, tally, window, timer, 10);
                    f.start();
                    followers.add(f);
                }
            }
            KinesisPuts puts = new KinesisPuts(kinesis, spec, stream, payloads, tally);
            PutDriver driver = new PutDriver(puts.operation(), puts, spec.pacing(), tally, window);
            driver.start();
            pause(spec.warmup());
            long generatorCpuStart = ProcessProbe.ownCpuNanos();
            window.open();
            if (server != null) {
                server.start();
            }
            Map<Long, Double> heap = measure(spec, tally);
            window.close();
            double generatorCores = (ProcessProbe.ownCpuNanos() - generatorCpuStart) / 1e9 / window.seconds();
            Double serverCores = server == null ? null : server.cpuCores();
            Double serverRss = server == null ? null : server.peakRssMiB();
            driver.stop(60);
            if (spec.consumers()) {
                awaitReadBack(tally, Duration.ofSeconds(30));
                followers.forEach(ShardFollower::stop);
            }
            Long stateBytes = spec.stateDir().map(ProcessProbe::bytesUnder).orElse(null);
            long records = tally.acceptedInWindow.sum();
            double seconds = window.seconds();
            return new LoadResult(spec.system(), spec.workload(), spec.describe(), records, seconds,
                    records / seconds, records * (double) spec.recordBytes() / seconds / 1e6,
                    LoadResult.Percentiles.ofMicros(tally.putLatencyMicros.getIntervalHistogram()),
                    LoadResult.Percentiles.ofMicros(tally.visibilityMicros.getIntervalHistogram()),
                    tally.errors(), tally.failedRecords.sum(),
                    spec.consumers() ? tally.acknowledged.sum() - tally.seen.sum() : null,
                    serverCores, serverRss, stateBytes, heap, generatorCores, null);
        } finally {
            timer.shutdownNow();
        }
    }

    private static KinesisAsyncClient client(LoadSpec spec) {
        String previous = System.getProperty("aws.cborEnabled");
        System.setProperty("aws.cborEnabled", Boolean.toString(spec.cbor()));
        try {
            return KinesisAsyncClient.builder()
                    .endpointOverride(spec.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                    .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                            .protocol(spec.http2() ? Protocol.HTTP2 : Protocol.HTTP1_1)
                            // Small calls must not wait on Nagle's algorithm and the server's delayed ACK.
                            .putChannelOption(ChannelOption.TCP_NODELAY, true)
                            .maxConcurrency(spec.connections() + spec.shards() * 2)
                            .maxPendingConnectionAcquires(100_000)
                            .connectionAcquisitionTimeout(Duration.ofSeconds(60))
                            .readTimeout(Duration.ofSeconds(60))
                            .writeTimeout(Duration.ofSeconds(60)))
                    .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                    .build();
        } finally {
            if (previous == null) {
                System.clearProperty("aws.cborEnabled");
            } else {
                System.setProperty("aws.cborEnabled", previous);
            }
        }
    }

    /** Creates the stream (4 shards by default) and waits until it is ACTIVE; returns its shards. */
    static List<Shard> createStream(KinesisAsyncClient kinesis, String stream, int shards) throws InterruptedException {
        try {
            kinesis.createStream(b -> b.streamName(stream).shardCount(shards)).join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof ResourceInUseException)) {
                throw e;
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (kinesis.describeStreamSummary(b -> b.streamName(stream)).join().streamDescriptionSummary().streamStatus() != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Stream " + stream + " did not become ACTIVE within 60 s");
            }
            Thread.sleep(50); // polling the server, not synchronizing threads
        }
        return kinesis.listShards(b -> b.streamName(stream)).join().shards();
    }

    /**
     * The measured window: {@code --seconds}, or until {@code --records} are acknowledged; samples the
     * server's heap on the way when asked to.
     */
    private static Map<Long, Double> measure(LoadSpec spec, Tally tally) throws InterruptedException {
        long end = System.nanoTime() + spec.duration().toNanos();
        HeapProbe heap = spec.heapEvery() > 0 ? new HeapProbe(spec.serverPid().orElseThrow(), spec.heapEvery()) : null;
        try {
            while (spec.totalRecords() > 0 ? tally.acceptedInWindow.sum() < spec.totalRecords() : System.nanoTime() < end) {
                Thread.sleep(100);
                if (heap != null) {
                    heap.acknowledged(tally.acceptedInWindow.sum());
                }
            }
        } finally {
            if (heap != null) {
                heap.close();
            }
        }
        return heap == null ? null : heap.samples();
    }

    /** Waits until the followers have read back every acknowledged record, or the deadline passes. */
    private static void awaitReadBack(Tally tally, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (tally.seen.sum() < tally.acknowledged.sum() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static void pause(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }
}
