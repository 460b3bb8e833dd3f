package io.sluice.bench;

import io.netty.channel.ChannelOption;
import io.sluice.delivery.s3.CompressionFormat;
import io.sluice.tests.PrometheusSamples;
import io.sluice.tests.S3TestServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * The Firehose benchmark's load generator: creates a bucket on the S3 server and a Direct PUT delivery stream
 * into it, drives PutRecordBatch ({@link FirehosePuts} paced by {@link PutDriver}: calls in flight, optional
 * target rate, latency from when a call was due) for a warm-up and a measured window, watches the bucket
 * ({@link DeliveryWatcher}), then waits until everything acknowledged is delivered. With {@code --format=PARQUET}
 * the stream converts the records to Parquet against a Glue table it writes first, and every delivered object is
 * read back ({@link DeliveredRows}), so that delivery is checked record by record. It reports accepted
 * records/s and MiB/s, put latency (HdrHistogram), delivered bytes/s (listed object sizes, and Sluice's
 * {@code DeliveryToS3.Bytes} from its Prometheus endpoint), with {@code --freshness} the time from each call's
 * answer to its object in a listing, and the CPU and peak RSS of Sluice and of the S3 server, each from
 * {@code /proc} of its own process.
 *
 * <p>Options: {@link FirehoseSpec#USAGE}. {@code bin/bench firehose} starts the servers and runs it.
 */
public final class FirehoseLoadGenerator {

    /** The Glue table of {@link JsonRecords#COLUMNS}, in {@code --schema-dir}, that {@code --format=PARQUET} converts against. */
    static final String GLUE_DATABASE = "bench";
    static final String GLUE_TABLE = "records";

    private FirehoseLoadGenerator() {}

    public static void main(String[] args) throws Exception {
        FirehoseSpec spec;
        try {
            spec = FirehoseSpec.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        FirehoseResult result = run(spec);
        System.out.print(result.table());
        if (spec.jsonOut().isPresent()) {
            result.writeJson(spec.jsonOut().get());
        }
        System.exit(0);
    }

    static FirehoseResult run(FirehoseSpec spec) throws Exception {
        // Underscores only: Flink's Prometheus reporter turns '-' and '.' in a label value into '_'.
        String stream = "bench_" + spec.workload().replaceAll("[^a-zA-Z0-9_]", "_") + "_" + System.currentTimeMillis();
        Tally tally = new Tally();
        MeasuredWindow window = new MeasuredWindow();
        Freshness freshness = spec.freshness() ? new Freshness(window) : null;
        JsonRecords records = new JsonRecords(System.nanoTime(), spec.recordBytes());
        DeliveredRows rows = spec.parquet() ? new DeliveredRows(spec.recordsPerCall()) : null;
        if (spec.parquet()) {
            JsonRecords.writeGlueTable(spec.schemaDir().orElseThrow(), GLUE_DATABASE, GLUE_TABLE);
        }
        try (FirehoseAsyncClient firehose = client(spec);
                S3Client s3 = S3TestServer.client(spec.s3Endpoint());
                DeliveryWatcher watcher = new DeliveryWatcher(s3, spec.bucket(), CompressionFormat.valueOf(spec.compression()), window, freshness,
                        rows, tally);
                ProcessProbe server = spec.serverPid().map(ProcessProbe::new).orElse(null);
                ProcessProbe s3Server = spec.s3Pid().map(ProcessProbe::new).orElse(null)) {
            createBucket(s3, spec.bucket());
            createDeliveryStream(firehose, spec, stream);
            watcher.start(spec.poll());
            PutDriver driver = new PutDriver(FirehosePuts.OPERATION,
                    new FirehosePuts(firehose, stream, spec.recordsPerCall(), records, tally, freshness), spec.pacing(), tally, window);
            driver.start();
            Thread.sleep(spec.warmup().toMillis());
            Delivered before = delivered(spec.metrics(), stream);
            long generatorCpuStart = ProcessProbe.ownCpuNanos();
            double machineBusyStart = ProcessProbe.machineBusySeconds();
            window.open();
            startAll(server, s3Server);
            System.err.println("measured window opens at " + java.time.LocalTime.now());
            Thread.sleep(spec.duration().toMillis());
            window.close();
            System.err.println("measured window closes at " + java.time.LocalTime.now());
            double seconds = window.seconds();
            double generatorCores = (ProcessProbe.ownCpuNanos() - generatorCpuStart) / 1e9 / seconds;
            double machineCores = (ProcessProbe.machineBusySeconds() - machineBusyStart) / seconds;
            Measured sluice = Measured.of(server);
            Measured s3Measured = Measured.of(s3Server);
            Delivered after = delivered(spec.metrics(), stream);
            driver.stop(60);
            Delivered total = drain(spec, stream, tally, freshness, rows, watcher);
            long accepted = tally.acceptedInWindow.sum();
            long[] perCall = freshness == null ? null : freshness.perCallMicros();
            return new FirehoseResult(spec.system(), spec.workload(), spec.describe(), accepted, seconds, accepted / seconds,
                    accepted * (double) spec.recordBytes() / seconds / FirehoseResult.MIB,
                    LoadResult.Percentiles.ofMicros(tally.putLatencyMicros.getIntervalHistogram()), tally.errors(), tally.failedRecords.sum(),
                    watcher.objectsInWindow.sum(), watcher.bytesInWindow.sum() / seconds / FirehoseResult.MIB,
                    before == null || after == null ? null : (after.bytes - before.bytes) / seconds / FirehoseResult.MIB,
                    before == null || after == null ? null : (after.records - before.records) / seconds,
                    tally.acknowledged.sum(), total == null ? null : total.records,
                    total == null || total.records < tally.acknowledged.sum() || watcher.bytes.sum() == 0 ? null
                            : total.bytes / (double) watcher.bytes.sum(),
                    perCall == null ? null : LoadResult.Percentiles.ofSortedMicros(perCall),
                    freshness == null ? null : LoadResult.Percentiles.ofSortedMicros(freshness.perObjectMicros()),
                    perCall == null ? null : java.util.Arrays.stream(perCall).filter(v -> v <= 0).count(),
                    freshness == null ? null : freshness.pending(),
                    watcher.objects.sum(), watcher.bytes.sum(), rows == null ? null : rows.rows(), rows == null ? null : rows.distinct(),
                    rows == null ? null : rows.unidentified(),
                    sluice.cores, sluice.peakRssMiB, s3Measured.cores, s3Measured.peakRssMiB, generatorCores, machineCores);
        }
    }

    private static FirehoseAsyncClient client(FirehoseSpec spec) {
        return FirehoseAsyncClient.builder()
                .endpointOverride(spec.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .protocol(Protocol.HTTP1_1)
                        .putChannelOption(ChannelOption.TCP_NODELAY, true)
                        .maxConcurrency(spec.connections())
                        .maxPendingConnectionAcquires(100_000)
                        .connectionAcquisitionTimeout(Duration.ofSeconds(60))
                        .readTimeout(Duration.ofSeconds(60))
                        .writeTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    private static void createBucket(S3Client s3, String bucket) {
        try {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException e) {
            // a bucket of an earlier run on the same server: its objects are the watcher's to count
        }
    }

    /**
     * Creates the Direct PUT delivery stream with the spec's compression (or conversion to Parquet) and buffering hints;
     * waits until ACTIVE.
     */
    private static void createDeliveryStream(FirehoseAsyncClient firehose, FirehoseSpec spec, String stream) throws InterruptedException {
        String role = "arn:aws:iam::000000000000:role/firehose-bench";
        firehose.createDeliveryStream(b -> b.deliveryStreamName(stream).deliveryStreamType("DirectPut")
                .extendedS3DestinationConfiguration(d -> {
                    d.roleARN(role)
                            .bucketARN("arn:aws:s3:::" + spec.bucket())
                            .compressionFormat(spec.compression())
                            .bufferingHints(h -> h.sizeInMBs(spec.sizeMb()).intervalInSeconds(spec.intervalSeconds()));
                    if (spec.parquet()) {
                        d.dataFormatConversionConfiguration(c -> c.enabled(true)
                                .schemaConfiguration(t -> t.roleARN(role).databaseName(GLUE_DATABASE).tableName(GLUE_TABLE))
                                .inputFormatConfiguration(i -> i.deserializer(s -> s.openXJsonSerDe(o -> {})))
                                .outputFormatConfiguration(o -> o.serializer(s -> s.parquetSerDe(p -> p.compression("SNAPPY")))));
                    }
                })).join();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (firehose.describeDeliveryStream(b -> b.deliveryStreamName(stream)).join().deliveryStreamDescription()
                .deliveryStreamStatus() != DeliveryStreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Delivery stream " + stream + " did not become ACTIVE within 60 s");
            }
            Thread.sleep(50); // polling the server, not synchronizing threads
        }
    }

    /**
     * After the load: waits (at most {@code --drain}) until Sluice's {@code DeliveryToS3.Records} reach the records
     * acknowledged, with freshness until every call answered in the window was listed, and with {@code rows} until the
     * objects read hold as many distinct records as were acknowledged; lists the bucket a last time. Returns the
     * delivery counters then, or null without metrics.
     */
    private static Delivered drain(FirehoseSpec spec, String stream, Tally tally, Freshness freshness, DeliveredRows rows,
            DeliveryWatcher watcher) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + spec.drain().toNanos();
        Delivered d = delivered(spec.metrics(), stream);
        while (System.nanoTime() < deadline) {
            boolean recordsDelivered = d == null || d.records >= tally.acknowledged.sum();
            if (recordsDelivered) {
                watcher.pollNow();
                if ((freshness == null || freshness.pending() == 0) && (rows == null || rows.distinct() >= tally.acknowledged.sum())) {
                    break;
                }
            }
            Thread.sleep(200); // polling the server's counters and the bucket
            d = delivered(spec.metrics(), stream);
        }
        watcher.pollNow();
        return d;
    }

    /** Sluice's DeliveryToS3.Records and .Bytes of the delivery stream, or null without a metrics endpoint. */
    private static Delivered delivered(Optional<URI> metrics, String stream) throws IOException, InterruptedException {
        if (metrics.isEmpty()) {
            return null;
        }
        PrometheusSamples samples = PrometheusSamples.scrape(metrics.get());
        return new Delivered((long) samples.deliveryStreamSum("DeliveryToS3_Records", stream),
                (long) samples.deliveryStreamSum("DeliveryToS3_Bytes", stream));
    }

    private static void startAll(ProcessProbe... probes) {
        for (ProcessProbe p : probes) {
            if (p != null) {
                p.start();
            }
        }
    }

    private record Delivered(long records, long bytes) {}

    /** A process's CPU (cores) and peak RSS over the window, or nulls when it was not watched. */
    private record Measured(Double cores, Double peakRssMiB) {
        static Measured of(ProcessProbe probe) {
            return probe == null ? new Measured(null, null) : new Measured(probe.cpuCores(), probe.peakRssMiB());
        }
    }
}
