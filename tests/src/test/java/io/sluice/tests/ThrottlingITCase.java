package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.ingest.IngestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/**
 * PROVISIONED streams' per-shard limits (here 20 records/s, 64 KiB/s written; 3 calls/s read) through
 * the SDK: over-budget records fail alone with ProvisionedThroughputExceededException, a producer that
 * backs off gets everything in exactly once, the SDK's own retries carry single puts through, reads
 * are limited, and ON_DEMAND streams are not.
 */
class ThrottlingITCase {

    private static final String SHARD = "shardId-000000000000";

    /** The SDK's standard retry policy (exponential backoff with jitter, longer for throttling), ten attempts. */
    private static final RetryStrategy SDK_RETRIES =
            AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(10).circuitBreakerEnabled(false).build();

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(2);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension SLUICE = SluiceExtension.with(conf -> {
        conf.set(IngestOptions.THROTTLING, true);
        conf.set(IngestOptions.SHARD_WRITE_RECORDS, 20);
        conf.set(IngestOptions.SHARD_WRITE_BYTES, MemorySize.parse("64 kb"));
        conf.set(IngestOptions.SHARD_READ_CALLS, 3);
    });

    @Test
    void overBudgetRecordsFailAloneAndABackingOffProducerGetsEverythingIn() throws Exception {
        AtomicInteger throttled = new AtomicInteger();
        try (KinesisClient kinesis = client(SLUICE.endpoint(), throttled, SDK_RETRIES)) {
            kinesis.createStream(b -> b.streamName("provisioned").shardCount(1));
            Streams.awaitActive(kinesis, "provisioned");
            List<PutRecordsRequestEntry> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(entry(i));
            }
            PutRecordsResponse first = kinesis.putRecords(b -> b.streamName("provisioned").records(batch));
            List<PutRecordsResultEntry> results = first.records();
            int accepted = (int) results.stream().filter(r -> r.sequenceNumber() != null).count();
            // The bucket holds one second (20 records); the moments the call takes refill a few at most.
            assertThat(accepted).isBetween(20, 30);
            assertThat(first.failedRecordCount()).isEqualTo(100 - accepted);
            for (int i = 0; i < 100; i++) {
                PutRecordsResultEntry r = results.get(i);
                if (i < accepted) {
                    assertThat(r.sequenceNumber()).isNotNull();
                    assertThat(r.shardId()).isEqualTo(SHARD);
                } else {
                    assertThat(r.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
                    assertThat(r.errorMessage()).isEqualTo("Rate exceeded for shard " + SHARD + " in stream provisioned under account 000000000000.");
                }
            }

            // The producer's loop: resend what failed, backing off exponentially.
            List<PutRecordsRequestEntry> pending = new ArrayList<>(batch.subList(accepted, 100));
            long backoff = 50;
            int rounds = 0;
            while (!pending.isEmpty()) {
                List<PutRecordsRequestEntry> sending = pending;
                List<PutRecordsResultEntry> outcome = kinesis.putRecords(b -> b.streamName("provisioned").records(sending)).records();
                List<PutRecordsRequestEntry> failed = new ArrayList<>();
                for (int i = 0; i < sending.size(); i++) {
                    if (outcome.get(i).sequenceNumber() == null) {
                        failed.add(sending.get(i));
                    }
                }
                pending = failed;
                if (!pending.isEmpty()) {
                    Thread.sleep(backoff); // the producer's backoff under test, not synchronization
                    backoff = Math.min(backoff * 2, 1000);
                }
                assertThat(++rounds).isLessThan(30);
            }
            List<String> values = new ArrayList<>();
            for (Record r : Streams.read(kinesis, "provisioned", SHARD, b -> b.shardIteratorType(ShardIteratorType.TRIM_HORIZON))) {
                values.add(r.data().asString(StandardCharsets.UTF_8));
            }
            assertThat(values).hasSize(100);
            assertThat(new HashSet<>(values)).hasSize(100);
            assertThat(values.subList(0, accepted)).isEqualTo(batch.subList(0, accepted).stream()
                    .map(e -> e.data().asString(StandardCharsets.UTF_8)).toList());
        }
    }

    @Test
    void theSdksRetriesCarrySinglePutsThroughTheLimit() throws Exception {
        AtomicInteger throttled = new AtomicInteger();
        try (KinesisClient kinesis = client(SLUICE.endpoint(), throttled, SDK_RETRIES)) {
            kinesis.createStream(b -> b.streamName("single-puts").shardCount(1));
            Streams.awaitActive(kinesis, "single-puts");
            // 40 threads put 4 records each: 160 records, offered far faster than 20 records/s.
            List<Thread> producers = new ArrayList<>();
            Set<String> sequenceNumbers = ConcurrentHashMap.newKeySet();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            for (int t = 0; t < 40; t++) {
                int producer = t;
                Thread thread = new Thread(() -> {
                    try {
                        for (int i = 0; i < 4; i++) {
                            int n = producer * 4 + i;
                            sequenceNumbers.add(kinesis.putRecord(b -> b.streamName("single-puts").partitionKey("p" + producer)
                                    .data(SdkBytes.fromUtf8String("v" + n))).sequenceNumber());
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                thread.start();
                producers.add(thread);
            }
            for (Thread producer : producers) {
                producer.join();
            }
            assertThat(errors).isEmpty();
            assertThat(sequenceNumbers).hasSize(160);
            assertThat(throttled.get()).isPositive();
            assertThat(Streams.read(kinesis, "single-puts", SHARD, b -> b.shardIteratorType(ShardIteratorType.TRIM_HORIZON))).hasSize(160);
        }
    }

    @Test
    void readsAreLimitedPerShardAndOnDemandStreamsAreNotLimited() throws Exception {
        AtomicInteger throttled = new AtomicInteger();
        try (KinesisClient kinesis = client(SLUICE.endpoint(), throttled, SDK_RETRIES);
                KinesisClient noRetries = client(SLUICE.endpoint(), throttled, DefaultRetryStrategy.doNotRetry())) {
            kinesis.createStream(b -> b.streamName("read-limited").shardCount(1));
            Streams.awaitActive(kinesis, "read-limited");
            String iterator = kinesis.getShardIterator(b -> b.streamName("read-limited").shardId(SHARD)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            // Three calls per second with a one-second bucket: ten calls in a row get at most 3 + 3/s of them through.
            long start = System.nanoTime();
            int served = 0;
            List<ProvisionedThroughputExceededException> refused = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                try {
                    noRetries.getRecords(b -> b.shardIterator(iterator));
                    served++;
                } catch (ProvisionedThroughputExceededException e) {
                    refused.add(e);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(served).isLessThanOrEqualTo(3 + (int) Math.ceil(3 * seconds));
            assertThat(refused).isNotEmpty();
            assertThat(refused.get(0).getMessage()).contains("Rate exceeded for shard " + SHARD + " in stream read-limited");

            kinesis.createStream(b -> b.streamName("on-demand").streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND)));
            Streams.awaitActive(kinesis, "on-demand");
            List<PutRecordsRequestEntry> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                batch.add(entry(i));
            }
            assertThat(kinesis.putRecords(b -> b.streamName("on-demand").records(batch)).failedRecordCount()).isZero();
            String onDemand = kinesis.getShardIterator(b -> b.streamName("on-demand").shardId(SHARD)
                    .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
            for (int i = 0; i < 10; i++) {
                noRetries.getRecords(b -> b.shardIterator(onDemand));
            }
        }
    }

    private static PutRecordsRequestEntry entry(int i) {
        // One partition key, so the order within the shard is the put order.
        return PutRecordsRequestEntry.builder().partitionKey("key").data(SdkBytes.fromUtf8String("r" + i)).build();
    }

    /** A sync CBOR client counting the throttling answers it got. */
    private static KinesisClient client(URI endpoint, AtomicInteger throttled, RetryStrategy retries) {
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> {
                    o.addExecutionInterceptor(new ExecutionInterceptor() {
                        @Override
                        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
                            if (context.httpResponse().statusCode() == 400 && context.httpResponse()
                                    .firstMatchingHeader("x-amzn-ErrorType").orElse("").startsWith("ProvisionedThroughputExceeded")) {
                                throttled.incrementAndGet();
                            }
                        }
                    });
                    o.retryStrategy(retries);
                })
                .build();
    }
}
