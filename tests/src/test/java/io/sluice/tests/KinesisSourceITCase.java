package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.connector.KinesisClientConfig;
import io.sluice.common.connector.source.KinesisDeserializationSchema;
import io.sluice.common.connector.source.KinesisSource;
import io.sluice.common.connector.source.RecordMetadata;
import io.sluice.common.connector.source.StartingPosition;
import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import software.amazon.awssdk.core.SdkBytes;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Sluice's own Kinesis source ({@code common/connector/source}) in a Flink job beside the ingest job:
 * it reads a stream that is split while a producer writes (KPL aggregates included), parents before
 * children, every user record once, with its metadata.
 */
class KinesisSourceITCase {

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(4);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension SLUICE = SluiceExtension.with(conf -> conf.set(CoreOptions.DEFAULT_PARALLELISM, 2));

    private static final int KEYS = 8;

    @Test
    void oneReaderEmitsEveryKeysRecordsInPutOrderAcrossASplit() throws Exception {
        Map<String, List<String>> seen = readWhileResharding("source-ordered", 1);
        for (Map.Entry<String, List<String>> e : seen.entrySet()) {
            List<String> counters = e.getValue();
            for (int i = 0; i < counters.size(); i++) {
                assertThat(counters.get(i)).as("record %d of %s", i, e.getKey()).isEqualTo(e.getKey() + ":" + i);
            }
        }
    }

    @Test
    void twoReadersEmitEveryRecordExactlyOnce() throws Exception {
        Map<String, List<String>> seen = readWhileResharding("source-parallel", 2);
        for (Map.Entry<String, List<String>> e : seen.entrySet()) {
            assertThat(e.getValue()).as("records of %s", e.getKey()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(KeyedProducer.records(e.getKey(), e.getValue().size()));
        }
    }

    @Test
    void aJobRestoredFromItsCheckpointNeitherSkipsNorRepeatsARecord() throws Exception {
        FailOnce.armed.set(true);
        Map<String, List<String>> seen = readWhileResharding("source-failover", 1, true);
        assertThat(FailOnce.armed.get()).as("the job failed once on the way").isFalse();
        for (Map.Entry<String, List<String>> e : seen.entrySet()) {
            assertThat(e.getValue()).as("records of %s", e.getKey()).isEqualTo(KeyedProducer.records(e.getKey(), e.getValue().size()));
        }
    }

    /**
     * Records are timestamped with their arrival time, and with the idleness the user's watermark
     * strategy declares, a shard that gets no records does not hold back event time: a one-second
     * window over the other shard's records closes and counts them exactly.
     */
    @Test
    void arrivalTimeWindowsCloseWhileAShardIsIdle() throws Exception {
        try (Client admin = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = admin.api();
            kinesis.createStream(b -> b.streamName("windowed").shardCount(2));
            Streams.awaitActive(kinesis, "windowed");
            // A key on shard 0, the lower half of the hash keys.
            String key = Streams.keyIn(BigInteger.ZERO, BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE));
            // Three records early in one second, one in the next: the last one's arrival closes the first window.
            awaitMillisOfSecond(0, 300);
            for (int i = 0; i < 3; i++) {
                kinesis.putRecord(b -> b.streamName("windowed").partitionKey(key).data(SdkBytes.fromUtf8String("early")));
            }
            long second = System.currentTimeMillis() / 1000;
            Streams.awaitClockPast((second + 1) * 1000 + 100);
            kinesis.putRecord(b -> b.streamName("windowed").partitionKey(key).data(SdkBytes.fromUtf8String("late")));

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            KinesisSource<String> source = KinesisSource.<String>builder()
                    .stream("windowed")
                    .client(KinesisClientConfig.sluice(SLUICE.endpoint()))
                    .startingPosition(StartingPosition.trimHorizon())
                    .deserializer(KinesisDeserializationSchema.of(new SimpleStringSchema()))
                    .idleInterval(Duration.ofMillis(200))
                    .build();
            WatermarkStrategy<String> arrivalTime = WatermarkStrategy.<String>forMonotonousTimestamps().withIdleness(Duration.ofMillis(500));
            try (CloseableIterator<Long> counts = env.fromSource(source, arrivalTime, "windowed")
                    .windowAll(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
                    .process(new CountPerWindow())
                    .executeAndCollect()) {
                assertThat(counts.next()).isEqualTo(3L);
            }
        }
    }

    @Test
    void atTimestampStartsEachShardAtTheFirstRecordArrivedSinceThen() throws Exception {
        try (Client admin = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = admin.api();
            kinesis.createStream(b -> b.streamName("from-time").shardCount(2));
            Streams.awaitActive(kinesis, "from-time");
            for (int i = 0; i < 6; i++) {
                String data = "before-" + i;
                kinesis.putRecord(b -> b.streamName("from-time").partitionKey("key-" + data).data(SdkBytes.fromUtf8String(data)));
            }
            long start = System.currentTimeMillis();
            Streams.awaitClockPast(start);
            List<String> after = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String data = "after-" + i;
                after.add(data);
                kinesis.putRecord(b -> b.streamName("from-time").partitionKey("key-" + data).data(SdkBytes.fromUtf8String(data)));
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            KinesisSource<String> source = KinesisSource.<String>builder()
                    .stream("from-time")
                    .client(KinesisClientConfig.sluice(SLUICE.endpoint()))
                    .startingPosition(StartingPosition.atTimestamp(java.time.Instant.ofEpochMilli(start + 1)))
                    .deserializer(KinesisDeserializationSchema.of(new SimpleStringSchema()))
                    .idleInterval(Duration.ofMillis(200))
                    .build();
            List<String> read = new ArrayList<>();
            try (CloseableIterator<String> records = env.fromSource(source, WatermarkStrategy.noWatermarks(), "from-time").executeAndCollect()) {
                while (read.size() < after.size() && records.hasNext()) {
                    read.add(records.next());
                }
            }
            assertThat(read).containsExactlyInAnyOrderElementsOf(after);
        }
    }

    @Test
    void latestReadsOnlyWhatArrivesAfterTheJobStarted() throws Exception {
        try (Client admin = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint());
                Client prober = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = admin.api();
            kinesis.createStream(b -> b.streamName("from-latest").shardCount(2));
            Streams.awaitActive(kinesis, "from-latest");
            for (int i = 0; i < 6; i++) {
                String data = "old-" + i;
                kinesis.putRecord(b -> b.streamName("from-latest").partitionKey("key-" + data).data(SdkBytes.fromUtf8String(data)));
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            KinesisSource<String> source = KinesisSource.<String>builder()
                    .stream("from-latest")
                    .client(KinesisClientConfig.sluice(SLUICE.endpoint()))
                    .startingPosition(StartingPosition.latest())
                    .deserializer(KinesisDeserializationSchema.of(new SimpleStringSchema()))
                    .idleInterval(Duration.ofMillis(200))
                    .build();
            try (CloseableIterator<String> records = env.fromSource(source, WatermarkStrategy.noWatermarks(), "from-latest").executeAndCollect()) {
                // Probe until the job reads: from then on, every record put is after its start.
                AtomicBoolean reading = new AtomicBoolean();
                Thread probes = new Thread(() -> {
                    for (int i = 0; !reading.get(); i++) {
                        String data = "probe-" + i;
                        prober.api().putRecord(b -> b.streamName("from-latest").partitionKey("probe").data(SdkBytes.fromUtf8String(data)));
                        try {
                            Thread.sleep(100); // pacing of the probes, not synchronization
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "probes");
                probes.start();
                List<String> read = new ArrayList<>();
                read.add(records.next());
                reading.set(true);
                probes.join();
                List<String> fresh = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    String data = "new-" + i;
                    fresh.add(data);
                    kinesis.putRecord(b -> b.streamName("from-latest").partitionKey("key-" + data).data(SdkBytes.fromUtf8String(data)));
                }
                while (!read.containsAll(fresh) && records.hasNext()) {
                    read.add(records.next());
                }
                assertThat(read).containsAll(fresh);
                assertThat(read).allSatisfy(r -> assertThat(r).doesNotStartWith("old-"));
            }
        }
    }

    /** Counts a window's records. */
    private static final class CountPerWindow extends ProcessAllWindowFunction<String, Long, TimeWindow> {
        @Override
        public void process(Context context, Iterable<String> records, Collector<Long> out) {
            long n = 0;
            for (String ignored : records) {
                n++;
            }
            out.collect(n);
        }
    }

    private static void awaitMillisOfSecond(int from, int to) {
        while (true) {
            long ms = System.currentTimeMillis() % 1000;
            if (ms >= from && ms < to) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    /** Writes while splitting shard 0 of a 2-shard stream, reads it with the source, returns the records per key. */
    private static Map<String, List<String>> readWhileResharding(String stream, int parallelism) throws Exception {
        return readWhileResharding(stream, parallelism, false);
    }

    /**
     * Starts a job reading the new stream, then writes while splitting shard 0, and returns what the job
     * emitted per key. With {@code failOnce}, the job checkpoints every 100 ms and fails once after 40
     * records and a checkpoint that holds positions; it restarts from that checkpoint, and the collected
     * results are the checkpointed ones.
     */
    private static Map<String, List<String>> readWhileResharding(String stream, int parallelism, boolean failOnce) throws Exception {
        try (Client admin = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint());
                Client producerClient = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = admin.api();
            kinesis.createStream(b -> b.streamName(stream).shardCount(2));
            Streams.awaitActive(kinesis, stream);

            // The job runs from the start: it reads while the producer writes and the stream is split.
            Configuration jobConf = new Configuration();
            if (failOnce) {
                jobConf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
                jobConf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
                jobConf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(jobConf);
            env.setParallelism(parallelism);
            if (failOnce) {
                env.enableCheckpointing(100);
            }
            KinesisSource<String> source = KinesisSource.<String>builder()
                    .stream(stream)
                    .client(KinesisClientConfig.sluice(SLUICE.endpoint()))
                    .startingPosition(StartingPosition.trimHorizon())
                    .deserializer(new KeyAndData())
                    .shardDiscoveryInterval(Duration.ofMillis(500))
                    .idleInterval(Duration.ofMillis(200))
                    // Small reads when failing, so checkpoints land inside shards and inside KPL aggregates' runs.
                    .maxRecordsPerCall(failOnce ? 7 : 10_000)
                    .build();
            DataStream<String> read = env.fromSource(source, WatermarkStrategy.noWatermarks(), stream);
            if (failOnce) {
                read = read.map(new FailOnce(40)).returns(Types.STRING);
            }
            try (CloseableIterator<String> records = read.executeAndCollect()) {
                KeyedProducer producer = new KeyedProducer(producerClient.api(), stream, KEYS, true);
                Thread writer = new Thread(producer, stream + "-producer");
                writer.start();
                producer.awaitBatches(4);
                kinesis.splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000000")
                        .newStartingHashKey(BigInteger.ONE.shiftLeft(126).toString()));
                producer.awaitBatches(producer.batches() + 4);
                Streams.awaitActive(kinesis, stream);
                producer.awaitBatches(producer.batches() + 4);
                producer.stop();
                writer.join();
                assertThat(producer.failure()).isNull();
                int expected = producer.sentTotal();

                Map<String, List<String>> seen = new HashMap<>();
                int count = 0;
                while (count < expected && records.hasNext()) {
                    String[] keyAndData = records.next().split("\\|", 2);
                    assertThat(keyAndData[1]).startsWith(keyAndData[0] + ":");
                    seen.computeIfAbsent(keyAndData[0], k -> new ArrayList<>()).add(keyAndData[1]);
                    count++;
                }
                assertThat(count).isEqualTo(expected);
                assertThat(seen).hasSize(KEYS);
                for (int k = 0; k < KEYS; k++) {
                    assertThat(seen.get("key-" + k)).hasSize(producer.sent("key-" + k));
                }
                return seen;
            }
        }
    }

    /**
     * Fails the job once: at the first record after {@code after} records have passed since a checkpoint
     * completed. A static switch, because the failure must not come back with the restored task.
     */
    private static final class FailOnce implements MapFunction<String, String>, CheckpointListener {
        static final AtomicBoolean armed = new AtomicBoolean();
        private final int after;
        private int passed;
        private boolean checkpointed;

        FailOnce(int after) {
            this.after = after;
        }

        @Override
        public String map(String value) {
            if (++passed > after && checkpointed && armed.compareAndSet(true, false)) {
                throw new IllegalStateException("injected failure after " + passed + " records");
            }
            return value;
        }

        /** Only a checkpoint taken after records went through counts: the restore must resume inside the shards. */
        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = passed > 0;
        }
    }

    /** {@code <partition key>|<data>} of every user record. */
    private static final class KeyAndData implements KinesisDeserializationSchema<String> {
        @Override
        public void deserialize(byte[] data, RecordMetadata metadata, Collector<String> out) {
            out.collect(metadata.partitionKey() + "|" + new String(data, StandardCharsets.UTF_8));
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }
}
