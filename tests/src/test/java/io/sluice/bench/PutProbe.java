package io.sluice.bench;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * A first measuring probe for the core's figures (the full load generator comes with the benchmarks
 * issue): PutRecords throughput and latency with {@code inFlight} calls outstanding, and put→GetRecords
 * visibility measured by consumers that follow every shard from LATEST. Each record carries its send
 * time (System.nanoTime, same process) in its first 8 bytes.
 *
 * <p>Run: {@code mvn -B -pl tests -Pbench exec:java -Dexec.args="http://localhost:4567 30 500 1024 8"}
 * (endpoint, seconds, records per call, record bytes, calls in flight).
 */
public final class PutProbe {

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args.length > 0 ? args[0] : "http://localhost:4567");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int perCall = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int recordBytes = args.length > 3 ? Integer.parseInt(args[3]) : 1024;
        int inFlight = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        String stream = "probe-" + System.currentTimeMillis();

        KinesisAsyncClient kinesis = KinesisAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("probe", "probe")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(inFlight * 2 + 8).connectionAcquisitionTimeout(Duration.ofSeconds(60)))
                .build();
        try {
            kinesis.createStream(b -> b.streamName(stream).shardCount(4)).join();
        } catch (Exception e) {
            if (!(e.getCause() instanceof ResourceInUseException)) {
                throw e;
            }
        }
        while (kinesis.describeStreamSummary(b -> b.streamName(stream)).join().streamDescriptionSummary().streamStatus() != StreamStatus.ACTIVE) {
            Thread.sleep(50);
        }
        List<Shard> shards = kinesis.listShards(b -> b.streamName(stream)).join().shards();

        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Long> visibility = new ConcurrentLinkedQueue<>();
        List<Thread> consumers = new ArrayList<>();
        for (Shard shard : shards) {
            Thread t = new Thread(() -> follow(kinesis, stream, shard.shardId(), running, visibility), "follow-" + shard.shardId());
            t.setDaemon(true);
            t.start();
            consumers.add(t);
        }

        Semaphore slots = new Semaphore(inFlight);
        AtomicLong records = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        Random random = new Random(1);
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        long start = 0;
        long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
        boolean measuring = false;
        long counted = 0;
        while (System.nanoTime() < end) {
            if (!measuring && System.nanoTime() >= warmupEnd) {
                measuring = true;
                start = System.nanoTime();
                counted = records.get();
                latencies.clear();
                visibility.clear();
            }
            slots.acquire();
            List<PutRecordsRequestEntry> entries = new ArrayList<>(perCall);
            long sent = System.nanoTime();
            for (int i = 0; i < perCall; i++) {
                byte[] data = new byte[recordBytes];
                random.nextBytes(data);
                ByteBuffer.wrap(data).putLong(sent);
                entries.add(PutRecordsRequestEntry.builder().partitionKey(Long.toString(random.nextLong())).data(SdkBytes.fromByteArray(data)).build());
            }
            CompletableFuture<?> put = kinesis.putRecords(b -> b.streamName(stream).records(entries));
            put.whenComplete((r, e) -> {
                slots.release();
                if (e != null) {
                    errors.incrementAndGet();
                } else {
                    records.addAndGet(perCall);
                    latencies.add(System.nanoTime() - sent);
                }
            });
        }
        slots.acquire(inFlight);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long measured = records.get() - counted;
        Thread.sleep(1000);
        running.set(false);
        for (Thread t : consumers) {
            t.join(5000);
        }
        System.out.printf("stream=%s shards=4 recordsPerCall=%d recordBytes=%d inFlight=%d seconds=%.1f%n",
                stream, perCall, recordBytes, inFlight, elapsed);
        System.out.printf("throughput: %.0f records/s, %.1f MB/s (errors %d)%n",
                measured / elapsed, measured * (double) recordBytes / elapsed / 1e6, errors.get());
        System.out.println("put latency ms: " + percentiles(latencies));
        System.out.println("put->get visibility ms: " + percentiles(visibility) + " over " + visibility.size() + " records");
        kinesis.deleteStream(b -> b.streamName(stream)).join();
        kinesis.close();
    }

    private static void follow(KinesisAsyncClient kinesis, String stream, String shardId, AtomicBoolean running, ConcurrentLinkedQueue<Long> visibility) {
        String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shardId).shardIteratorType(ShardIteratorType.LATEST))
                .join().shardIterator();
        while (running.get() && iterator != null) {
            String current = iterator;
            var response = kinesis.getRecords(b -> b.shardIterator(current)).join();
            long now = System.nanoTime();
            for (Record r : response.records()) {
                visibility.add(now - r.data().asByteBuffer().getLong());
            }
            iterator = response.nextShardIterator();
            if (response.records().isEmpty()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static String percentiles(ConcurrentLinkedQueue<Long> nanos) {
        long[] v = nanos.stream().mapToLong(Long::longValue).toArray();
        if (v.length == 0) {
            return "n/a";
        }
        Arrays.sort(v);
        return String.format("p50=%.1f p99=%.1f max=%.1f (n=%d)", v[v.length / 2] / 1e6, v[(int) (v.length * 0.99)] / 1e6, v[v.length - 1] / 1e6, v.length);
    }
}
