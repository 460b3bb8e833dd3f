package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.connector.KinesisClientConfig;
import io.sluice.common.connector.sink.KinesisSink;
import io.sluice.ingest.IngestOptions;
import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Sluice's Kinesis sink ({@code common/connector/sink}) writing into a PROVISIONED stream whose shards
 * take 100 records/s: most of every 500-record PutRecords is throttled, and the sink's retries still
 * deliver every record, each in the shard its partition key names.
 */
class KinesisSinkITCase {

    /**
     * The cluster's metrics, as a Flink user reads them: Flink's test reporter, registered in the
     * cluster's configuration. It is static only because the cluster it is registered in is; Flink
     * finds it through the reporter factory's registry, and it keeps the metrics of finished jobs.
     */
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(4, METRICS.addToConfiguration(new Configuration()));

    @RegisterExtension
    @Order(2)
    static final SluiceExtension SLUICE = SluiceExtension.with(conf -> {
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        conf.set(IngestOptions.THROTTLING, true);
        conf.set(IngestOptions.SHARD_WRITE_RECORDS, 100);
    });

    private static final int RECORDS = 1_500;

    @Test
    void everyRecordArrivesThroughThrottling() throws Exception {
        try (Client admin = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = admin.api();
            kinesis.createStream(b -> b.streamName("sunk").shardCount(2));
            Streams.awaitActive(kinesis, "sunk");

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            env.fromSequence(0, RECORDS - 1).map(n -> "record-" + n).returns(Types.STRING)
                    .sinkTo(KinesisSink.<String>builder()
                            .stream("sunk")
                            .client(KinesisClientConfig.sluice(SLUICE.endpoint()))
                            .serializationSchema(new SimpleStringSchema())
                            .partitionKey(value -> "key-" + (Long.parseLong(value.substring("record-".length())) % 16))
                            .maxTimeInBufferMillis(100)
                            .build());
            JobExecutionResult result = env.execute("kinesis-sink-under-throttling");

            Map<String, Integer> copies = new HashMap<>();
            for (Shard shard : kinesis.listShards(b -> b.streamName("sunk")).shards()) {
                for (Record r : Streams.readAll(kinesis, "sunk", shard.shardId(), 10_000)) {
                    copies.merge(r.data().asUtf8String(), 1, Integer::sum);
                }
            }
            List<String> missing = new ArrayList<>();
            for (int n = 0; n < RECORDS; n++) {
                if (!copies.containsKey("record-" + n)) {
                    missing.add("record-" + n);
                }
            }
            assertThat(missing).as("records the sink lost").isEmpty();
            assertThat(copies).as("every record once (no request timed out, so nothing was sent twice)").allSatisfy((k, v) -> assertThat(v).isEqualTo(1));

            // And they got there through throttling: the two shards take 200 records a second, and the sink
            // sends all 1,500 at once, so most are throttled at least once (about 1,800 retries in a run).
            Map<String, Metric> retried = METRICS.findMetrics(result.getJobID(), "\\.numRecordsRetried$");
            assertThat(retried).as("numRecordsRetried of the sink's two writers").hasSize(2);
            long retries = retried.values().stream().mapToLong(m -> ((Counter) m).getCount()).sum();
            assertThat(retries).as("records the sink retried").isGreaterThan(RECORDS / 2);
        }
    }
}
