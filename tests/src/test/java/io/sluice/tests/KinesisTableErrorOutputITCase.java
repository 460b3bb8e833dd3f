package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.connector.errors.ParseError;
import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * A {@code kinesis} table with {@code 'error-output'}: among good rows, a malformed JSON record and one with a wrong
 * type come out as KDA error-stream rows (in a Sluice stream, read back with GetRecords, and in files), the good rows
 * come out exactly, and the job keeps running and reading.
 */
class KinesisTableErrorOutputITCase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> INPUT = List.of("{\"id\":1,\"v\":1.5}", "{\"id\":2,\"v\":", "{\"id\":3,\"v\":3.5}",
            "{\"id\":\"four\",\"v\":4.0}", "{\"id\":5,\"v\":5.5}");
    private static final List<String> BAD = List.of(INPUT.get(1), INPUT.get(3));

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(4);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension SLUICE = SluiceExtension.defaults();

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void parseErrorsGoToAStream() throws Exception {
        try (Client admin = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = admin.api();
            createStream(kinesis, "reading-errors");
            String errorShard = kinesis.listShards(b -> b.streamName("reading-errors")).shards().get(0).shardId();
            readAndCheckErrors(kinesis, "readings", "'error-output' = 'stream:reading-errors'", "readings", () -> {
                List<JsonNode> rows = new ArrayList<>();
                for (Record r : Streams.readAll(kinesis, "reading-errors", errorShard, 100)) {
                    assertThat(r.partitionKey()).isEqualTo("readings");
                    rows.add(json(r.data().asUtf8String()));
                }
                return rows;
            });
        }
    }

    @Test
    @Timeout(300)
    void parseErrorsGoToFiles() throws Exception {
        Path errors = dir.resolve("errors");
        try (Client admin = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            readAndCheckErrors(admin.api(), "readings-2", "'error-output' = 'files:" + errors.toUri() + "', 'error-output.name' = 'pump_1'",
                    "pump_1", () -> {
                        List<JsonNode> rows = new ArrayList<>();
                        if (!Files.isDirectory(errors)) {
                            return rows;
                        }
                        try (Stream<Path> files = Files.list(errors)) {
                            // One writer: its files in the order it wrote them (<pump>-<uuid>-<n>.json, n = 0, 1, ...).
                            for (Path file : files.filter(f -> !f.getFileName().toString().startsWith("."))
                                    .sorted(Comparator.comparing((Path f) -> f.toString().length()).thenComparing(Path::toString)).toList()) {
                                assertThat(file.getFileName().toString()).matches("pump_1-[0-9a-f-]{36}-\\d+\\.json");
                                Files.readAllLines(file).forEach(line -> rows.add(json(line)));
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        return rows;
                    });
        }
    }

    /**
     * Puts {@link #INPUT} into {@code stream}, reads it through a table with {@code errorOptions}: the good rows exactly;
     * then the two error rows from {@code errorRows} (polled), field by field; then the job is still RUNNING and reads a
     * row put after.
     */
    private void readAndCheckErrors(KinesisClient kinesis, String stream, String errorOptions, String pumpName,
            Supplier<List<JsonNode>> errorRows) throws Exception {
        createStream(kinesis, stream);
        long before = System.currentTimeMillis();
        for (String data : INPUT) {
            kinesis.putRecord(b -> b.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String(data)));
        }
        String shard = kinesis.listShards(b -> b.streamName(stream)).shards().get(0).shardId();
        List<Record> put = Streams.readAll(kinesis, stream, shard, 100);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(200);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        String table = stream.replace('-', '_');
        tables.executeSql("CREATE TABLE " + table + " (id INT, v DOUBLE) WITH ('connector' = 'kinesis', 'stream' = '" + stream
                + "', 'aws.endpoint' = '" + SLUICE.endpoint() + "', 'format' = 'json', 'scan.stream.initpos' = 'TRIM_HORIZON',"
                + " 'scan.shard.discovery.interval' = '500 ms', " + errorOptions + ")");
        TableResult result = tables.executeSql("SELECT id, v FROM " + table);
        try (CloseableIterator<Row> rows = result.collect()) {
            assertThat(next(rows, 3)).containsExactly(Row.of(1, 1.5), Row.of(3, 3.5), Row.of(5, 5.5));

            Streams.await("two error rows", () -> errorRows.get().size() >= 2, Duration.ofSeconds(60));
            List<JsonNode> errors = errorRows.get();
            assertThat(errors).hasSize(2);
            long after = System.currentTimeMillis();
            for (int i = 0; i < 2; i++) {
                JsonNode error = errors.get(i);
                Record record = put.get(INPUT.indexOf(BAD.get(i)));
                assertThat(fieldNames(error)).containsExactly("ERROR_TIME", "ERROR_LEVEL", "ERROR_NAME", "MESSAGE", "DATA_ROWTIME", "DATA_ROW",
                        "PUMP_NAME");
                assertThat(error.get("ERROR_LEVEL").asText()).isEqualTo("ERROR");
                assertThat(error.get("ERROR_NAME").asText()).isEqualTo("PARSE_ERROR");
                assertThat(error.get("MESSAGE").asText()).startsWith("Failed to deserialize JSON '" + BAD.get(i) + "'. Caused by: ");
                assertThat(error.get("DATA_ROWTIME").asText()).isEqualTo(ParseError.formatTime(record.approximateArrivalTimestamp().toEpochMilli()));
                assertThat(error.get("DATA_ROW").asText()).isEqualTo(HexFormat.of().formatHex(BAD.get(i).getBytes(StandardCharsets.UTF_8)));
                assertThat(error.get("PUMP_NAME").asText()).isEqualTo(pumpName);
                assertThat(error.get("ERROR_TIME").asText()).isBetween(ParseError.formatTime(before), ParseError.formatTime(after));
            }

            assertThat(result.getJobClient().orElseThrow().getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            kinesis.putRecord(b -> b.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("{\"id\":6,\"v\":6.5}")));
            assertThat(next(rows, 1)).containsExactly(Row.of(6, 6.5));
        } finally {
            result.getJobClient().orElseThrow().cancel().get();
        }
    }

    private static void createStream(KinesisClient kinesis, String name) throws InterruptedException {
        kinesis.createStream(b -> b.streamName(name).shardCount(1));
        Streams.awaitActive(kinesis, name);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Row> next(CloseableIterator<Row> rows, int count) {
        List<Row> next = new ArrayList<>();
        while (next.size() < count && rows.hasNext()) {
            next.add(rows.next());
        }
        return next;
    }
}
