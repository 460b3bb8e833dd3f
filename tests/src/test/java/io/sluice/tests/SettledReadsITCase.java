package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.ingest.IngestOptions;
import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * In durable mode an answer waits for the checkpoint after it, unless it reflects only what a completed checkpoint
 * already holds: reads of a shard that nothing changed since then answer at once. With a checkpoint every 4 s, a
 * consumer reading 500 acknowledged records back 25 at a time (20 GetRecords) needs far less than one interval;
 * were each answer held for the next checkpoint, it would need about 40 s.
 */
class SettledReadsITCase {

    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(4);

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(2);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension SLUICE = SluiceExtension.with(conf -> conf.set(IngestOptions.CHECKPOINT_INTERVAL, CHECKPOINT_INTERVAL));

    @Test
    void readsOfAcknowledgedRecordsDoNotWaitForACheckpoint() throws Exception {
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName("settled").shardCount(1));
            Streams.awaitActive(kinesis, "settled");
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey("k").data(SdkBytes.fromUtf8String("record-" + i)).build());
            }
            List<String> acknowledged = new ArrayList<>();
            kinesis.putRecords(b -> b.streamName("settled").records(entries)).records().forEach(r -> acknowledged.add(r.sequenceNumber()));
            String iterator = kinesis.getShardIterator(b -> b.streamName("settled").shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();

            List<Record> read = new ArrayList<>();
            // The first read may still meet the checkpoint that acknowledged the put on its way to the shard log.
            GetRecordsResponse first = get(kinesis, iterator);
            read.addAll(first.records());
            iterator = first.nextShardIterator();
            long start = System.nanoTime();
            for (int call = 0; call < 19; call++) {
                GetRecordsResponse answer = get(kinesis, iterator);
                read.addAll(answer.records());
                iterator = answer.nextShardIterator();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(read).extracting(Record::sequenceNumber).containsExactlyElementsOf(acknowledged);
            assertThat(read.get(499).data().asUtf8String()).isEqualTo("record-499");
            assertThat(took).as("19 reads of settled records").isLessThan(CHECKPOINT_INTERVAL);
        }
    }

    private static GetRecordsResponse get(KinesisClient kinesis, String iterator) {
        GetRecordsResponse answer = kinesis.getRecords(b -> b.shardIterator(iterator).limit(25));
        assertThat(answer.records()).hasSize(25);
        return answer;
    }
}
