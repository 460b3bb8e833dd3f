package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import io.sluice.tests.dynamo.DynamoTestServer;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A KCL 3.x application (polling, lease table in an in-process DynamoDB) consumes a 4-shard stream
 * while it is split and merged and a producer keeps writing, some of it KPL-aggregated: every user
 * record arrives exactly once, in put order per key; a restarted worker resumes from its checkpoints.
 */
class KclITCase extends SluiceITCaseBase {

    private static final int KEYS = 12;

    @Test
    void kclReadsEveryRecordInKeyOrderAcrossReshardsAndResumesFromItsCheckpoints() throws Exception {
        String stream = "kcl";
        KclWorker.Consumed consumed = new KclWorker.Consumed();
        try (DynamoTestServer dynamo = DynamoTestServer.start();
                Client admin = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint());
                Client producerClient = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = admin.api();
            kinesis.createStream(b -> b.streamName(stream).shardCount(4));
            Streams.awaitActive(kinesis, stream);

            KeyedProducer producer = new KeyedProducer(producerClient.api(), stream, KEYS, true);
            Thread writer = new Thread(producer, "kcl-producer");
            writer.start();
            producer.awaitBatches(4);
            KclWorker worker = KclWorker.start(stream, "worker-1", SLUICE.endpoint(), dynamo.endpoint(), consumed);
            Streams.await("the worker consumes", () -> consumed.records() > 0, Duration.ofSeconds(90));

            // Split shard 0 in the middle, then merge its upper child with shard 1, while writes go on.
            BigInteger eighth = BigInteger.ONE.shiftLeft(125);
            kinesis.splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000000").newStartingHashKey(eighth.toString()));
            producer.awaitBatches(producer.batches() + 4);
            Streams.awaitActive(kinesis, stream);
            kinesis.mergeShards(b -> b.streamName(stream).shardToMerge("shardId-000000000005").adjacentShardToMerge("shardId-000000000001"));
            producer.awaitBatches(producer.batches() + 4);
            Streams.awaitActive(kinesis, stream);
            producer.awaitBatches(producer.batches() + 4);
            producer.stop();
            writer.join();
            assertThat(producer.failure()).isNull();

            int expected = producer.sentTotal();
            Streams.await("every record consumed", () -> consumed.records() >= expected, Duration.ofSeconds(120));
            worker.close();
            assertThat(consumed.failure()).isNull();
            for (int k = 0; k < KEYS; k++) {
                String key = "key-" + k;
                assertThat(consumed.of(key)).as("records of %s, in order, once each", key).isEqualTo(KeyedProducer.records(key, producer.sent(key)));
            }
            assertThat(consumed.records()).isEqualTo(expected);
            assertThat(consumed.fromAggregates()).as("user records de-aggregated from KPL records")
                    .isEqualTo(producer.aggregatedRecords() * KeyedProducer.PER_AGGREGATE);
            assertThat(consumed.shardsEnded()).as("closed shards 0, 1 and 5 read to their end").isEqualTo(3);

            // Records written while no worker runs: a restarted worker resumes after its checkpoints.
            for (int i = 0; i < 5; i++) {
                String data = "late:" + i;
                kinesis.putRecord(b -> b.streamName(stream).partitionKey("late").data(SdkBytes.fromUtf8String(data)));
            }
            try (KclWorker restarted = KclWorker.start(stream, "worker-1", SLUICE.endpoint(), dynamo.endpoint(), consumed)) {
                Streams.await("the late records", () -> consumed.of("late").size() >= 5, Duration.ofSeconds(120));
            }
            assertThat(consumed.of("late")).containsExactly("late:0", "late:1", "late:2", "late:3", "late:4");
            assertThat(consumed.records()).as("nothing before the checkpoints came again").isEqualTo(expected + 5);
        }
    }
}
