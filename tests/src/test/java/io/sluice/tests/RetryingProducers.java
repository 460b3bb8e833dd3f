package io.sluice.tests;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;

/**
 * Producers for failure tests: each a thread with its own sync AWS SDK client (CBOR, no retries in the SDK),
 * putting records one at a time under one partition key of its own ({@code producer-<i>}), so that its acknowledged
 * records must be stored in the order they were acknowledged. A put that fails even after the SDK's retries is tried
 * again (after a back-off), as a new attempt with data of its own ({@code p<i>-<n>-a<attempt>}): a record stored twice can only be
 * Sluice's doing, and an unacknowledged attempt may be stored or not.
 */
final class RetryingProducers {

    /** One acknowledged put: by whom, what, where, and when its call began and ended ({@link System#nanoTime()}). */
    record Acked(int producer, String data, String shardId, String sequenceNumber, long began, long ended) {}

    private final URI endpoint;
    private final String stream;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Acked> acked = new ArrayList<>();
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private volatile boolean stopped;
    private volatile Throwable failure;

    RetryingProducers(URI endpoint, String stream, int producers) {
        this.endpoint = endpoint;
        this.stream = stream;
        for (int i = 0; i < producers; i++) {
            int producer = i;
            threads.add(new Thread(() -> produce(producer), "producer-" + i));
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    private void produce(int producer) {
        try (KinesisClient kinesis = client(endpoint)) {
            for (int n = 0; !stopped; n++) {
                for (int attempt = 0; !stopped; attempt++) {
                    String data = "p" + producer + "-" + n + "-a" + attempt;
                    long began = System.nanoTime();
                    try {
                        PutRecordResponse put = kinesis.putRecord(b -> b.streamName(stream).partitionKey("producer-" + producer)
                                .data(SdkBytes.fromUtf8String(data)));
                        synchronized (acked) {
                            acked.add(new Acked(producer, data, put.shardId(), put.sequenceNumber(), began, System.nanoTime()));
                        }
                        break;
                    } catch (RuntimeException e) {
                        failedAttempts.incrementAndGet();
                        Thread.sleep(Math.min(1000, 50L << Math.min(attempt, 5))); // back off as the SDK's retries would
                    }
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** A sync client as a careful producer builds one: short connect timeout, no retries of the same data. */
    static KinesisClient client(URI endpoint) {
        // No retries in the SDK: a retried call would carry the same data, and a copy stored by the first try could not
        // be told from one that Sluice duplicated. The producer tries again itself, with new data.
        return client(endpoint, RetryPolicy.none());
    }

    /** The same client with {@code retries} (a reader's calls are safe to repeat: the SDK's default policy). */
    static KinesisClient client(URI endpoint, RetryPolicy retries) {
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(20)).connectionTimeout(Duration.ofSeconds(1)))
                .overrideConfiguration(o -> o.retryPolicy(retries))
                .build();
    }

    /** Waits until {@code count} puts were acknowledged in all. */
    void awaitAcked(int count, Duration timeout) throws InterruptedException {
        Streams.await(count + " acknowledged puts (failure: " + failure + ")", () -> acked().size() >= count || failure != null, timeout);
    }

    /** Stops the producers after their current put and waits for them. */
    void stop() throws InterruptedException {
        stopped = true;
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(60).toMillis());
        }
    }

    List<Acked> acked() {
        synchronized (acked) {
            return List.copyOf(acked);
        }
    }

    /** When the first put that began after {@code nanos} was acknowledged. */
    long firstSuccessStartedAfter(long nanos) {
        return acked().stream().filter(a -> a.began() > nanos).mapToLong(Acked::ended).min()
                .orElseThrow(() -> new AssertionError("no put that began after the failure succeeded"));
    }

    int failedAttempts() {
        return failedAttempts.get();
    }

    Throwable failure() {
        return failure;
    }
}
