package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.analytics.app.ApplicationRunner;
import io.sluice.analytics.app.Placeholders;
import io.sluice.analytics.app.SqlApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Streams for the {@code sql/} applications in tests: created with a number of shards, written row by row to a chosen
 * shard (by explicit hash key, in order), read back whole through GetRecords; and the applications run on the test's
 * cluster with their placeholders filled.
 */
final class AppStreams {

    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private final KinesisClient kinesis;
    private final String endpoint;

    AppStreams(KinesisClient kinesis, String endpoint) {
        this.kinesis = kinesis;
        this.endpoint = endpoint;
    }

    /** The file {@code sql/NAME} of the repository. */
    static Path sql(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("sql").resolve(name))) {
                return dir.resolve("sql").resolve(name);
            }
        }
        throw new IllegalStateException("No sql/" + name + " above " + Path.of("").toAbsolutePath());
    }

    String endpoint() {
        return endpoint;
    }

    /** A row of the tick streams: times are 2026-12-01 {@code hh:mm:ss}. */
    static String tick(String rowtime, String eventTime, String ticker) {
        return "{\"ROWTIME\":\"2026-12-01 " + rowtime + "\",\"EVENT_TIME\":\"2026-12-01 " + eventTime + "\",\"TICKER_SYMBOL\":\"" + ticker + "\"}";
    }

    void create(String stream, int shards) throws InterruptedException {
        kinesis.createStream(b -> b.streamName(stream).shardCount(shards));
        Streams.awaitActive(kinesis, stream);
    }

    /** Puts {@code rows} in order into shard {@code shard} (an index in shard order) of {@code stream}. */
    void put(String stream, int shard, List<String> rows) {
        String hashKey = shards(stream).get(shard).hashKeyRange().startingHashKey();
        for (int from = 0; from < rows.size(); from += 500) {
            List<PutRecordsRequestEntry> batch = rows.subList(from, Math.min(rows.size(), from + 500)).stream()
                    .map(row -> PutRecordsRequestEntry.builder().partitionKey("p").explicitHashKey(hashKey).data(SdkBytes.fromUtf8String(row)).build())
                    .toList();
            assertThat(kinesis.putRecords(b -> b.streamName(stream).records(batch)).failedRecordCount()).isZero();
        }
    }

    /** Every row of the stream (all shards, in shard order), as text. */
    List<String> rows(String stream) {
        List<String> rows = new ArrayList<>();
        for (Shard shard : shards(stream)) {
            for (Record r : Streams.readAll(kinesis, stream, shard.shardId(), 10_000)) {
                rows.add(r.data().asUtf8String());
            }
        }
        return rows;
    }

    /** The stream's rows, sorted, once there are at least {@code count}; fails with what there is at the deadline. */
    List<String> awaitSorted(String stream, int count) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            List<String> rows = rows(stream);
            if (rows.size() >= count) {
                return rows.stream().sorted().toList();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Only " + rows.size() + " of " + count + " rows in " + stream + " within " + DEADLINE + ": " + rows);
            }
            Thread.sleep(100); // polling interval of a deadline loop
        }
    }

    private List<Shard> shards(String stream) {
        return kinesis.listShards(b -> b.streamName(stream)).shards().stream().sorted(Comparator.comparing(Shard::shardId)).toList();
    }

    /** Runs {@code app} on the test's cluster with {@code parallelism}; {@code ENDPOINT} is filled with Sluice's. */
    JobClient run(SqlApplication app, int parallelism) {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        return ApplicationRunner.run(app, conf).getJobClient().orElseThrow();
    }

    /** The application in {@code sql/FILE} with {@code ENDPOINT} and {@code placeholders}. */
    SqlApplication app(String file, Map<String, String> placeholders) {
        Map<String, String> values = new java.util.HashMap<>(placeholders);
        values.put("ENDPOINT", endpoint);
        return SqlApplication.fromFile(sql(file), Placeholders.of(values));
    }
}
