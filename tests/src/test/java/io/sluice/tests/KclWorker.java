package io.sluice.tests;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.common.KinesisClientUtil;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * A KCL 3.x application as a user writes one: polling retrieval from Sluice, its lease table in
 * DynamoDB, CloudWatch metrics off, a record processor that checkpoints after every batch, at the end
 * of every shard and on shutdown. What it consumes goes to a {@link Consumed}.
 */
final class KclWorker implements AutoCloseable {

    static final String APPLICATION = "sluice-kcl-test";

    private final Scheduler scheduler;
    private final Thread thread;
    private final List<AutoCloseable> clients = new ArrayList<>();

    private KclWorker(String stream, String workerId, URI kinesisEndpoint, URI dynamoEndpoint, Consumed consumed) {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
        KinesisAsyncClient kinesis = KinesisClientUtil.createKinesisAsyncClient(
                KinesisAsyncClient.builder().endpointOverride(kinesisEndpoint).region(Region.US_EAST_1).credentialsProvider(credentials));
        DynamoDbAsyncClient dynamo = DynamoDbAsyncClient.builder().endpointOverride(dynamoEndpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
        // Never called with metrics off; a client is still required.
        CloudWatchAsyncClient cloudWatch = CloudWatchAsyncClient.builder().endpointOverride(URI.create("http://127.0.0.1:9"))
                .region(Region.US_EAST_1).credentialsProvider(credentials).build();
        clients.add(kinesis);
        clients.add(dynamo);
        clients.add(cloudWatch);
        ConfigsBuilder configs = new ConfigsBuilder(
                new SingleStreamTracker(stream, InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON)),
                APPLICATION, kinesis, dynamo, cloudWatch, workerId, () -> new Processor(consumed));
        scheduler = new Scheduler(
                configs.checkpointConfig(),
                configs.coordinatorConfig().parentShardPollIntervalMillis(200).shardConsumerDispatchPollIntervalMillis(100),
                configs.leaseManagementConfig().failoverTimeMillis(3_000).leaseAssignmentIntervalMillis(1_000L)
                        .shardSyncIntervalMillis(1_000).leaseTableScanTotalSegments(1),
                configs.lifecycleConfig(),
                configs.metricsConfig().metricsFactory(new NullMetricsFactory()),
                configs.processorConfig(),
                configs.retrievalConfig().retrievalSpecificConfig(
                        new PollingConfig(stream, kinesis).idleTimeBetweenReadsInMillis(200).usePollingConfigIdleTimeValue(true)));
        thread = new Thread(scheduler, "kcl-" + workerId);
        thread.setDaemon(true);
    }

    static KclWorker start(String stream, String workerId, URI kinesisEndpoint, URI dynamoEndpoint, Consumed consumed) {
        KclWorker worker = new KclWorker(stream, workerId, kinesisEndpoint, dynamoEndpoint, consumed);
        worker.thread.start();
        return worker;
    }

    /** Shuts down gracefully: every processor checkpoints what it has processed, then the scheduler stops. */
    @Override
    public void close() throws Exception {
        try {
            if (!scheduler.startGracefulShutdown().get(60, TimeUnit.SECONDS)) {
                scheduler.shutdown();
            }
            thread.join(Duration.ofSeconds(30).toMillis());
        } finally {
            for (AutoCloseable c : clients) {
                c.close();
            }
        }
    }

    /** What the workers consumed: user records per partition key, in delivery order. */
    static final class Consumed {
        private final Map<String, List<String>> byKey = new LinkedHashMap<>();
        private final AtomicInteger records = new AtomicInteger();
        private final AtomicInteger fromAggregates = new AtomicInteger();
        private final AtomicInteger shardsEnded = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        synchronized void add(KinesisClientRecord r) {
            byte[] bytes = new byte[r.data().remaining()];
            r.data().get(bytes);
            byKey.computeIfAbsent(r.partitionKey(), k -> new ArrayList<>()).add(new String(bytes, StandardCharsets.UTF_8));
            records.incrementAndGet();
            if (r.aggregated()) {
                fromAggregates.incrementAndGet();
            }
        }

        synchronized List<String> of(String key) {
            return new ArrayList<>(byKey.getOrDefault(key, List.of()));
        }

        int records() {
            return records.get();
        }

        int fromAggregates() {
            return fromAggregates.get();
        }

        int shardsEnded() {
            return shardsEnded.get();
        }

        Throwable failure() {
            return failure.get();
        }
    }

    /** Records every user record, checkpoints after each batch, at each shard end and on shutdown. */
    private static final class Processor implements ShardRecordProcessor {
        private final Consumed consumed;

        Processor(Consumed consumed) {
            this.consumed = consumed;
        }

        @Override
        public void initialize(InitializationInput input) {}

        @Override
        public void processRecords(ProcessRecordsInput input) {
            try {
                input.records().forEach(consumed::add);
                if (!input.records().isEmpty()) {
                    input.checkpointer().checkpoint();
                }
            } catch (Exception e) {
                consumed.failure.compareAndSet(null, e);
            }
        }

        @Override
        public void leaseLost(LeaseLostInput input) {}

        @Override
        public void shardEnded(ShardEndedInput input) {
            try {
                input.checkpointer().checkpoint();
                consumed.shardsEnded.incrementAndGet();
            } catch (Exception e) {
                consumed.failure.compareAndSet(null, e);
            }
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
            try {
                input.checkpointer().checkpoint();
            } catch (Exception e) {
                consumed.failure.compareAndSet(null, e);
            }
        }
    }
}
