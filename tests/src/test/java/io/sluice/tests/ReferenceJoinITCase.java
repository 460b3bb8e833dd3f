package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code 'connector' = 'reference'}: a live Sluice stream joined ({@code FOR SYSTEM_TIME AS OF}) to a reference file,
 * on a local disk and on S3 (S3Proxy through S3A), gives exact rows; after the file is replaced, later rows see the
 * new values.
 */
class ReferenceJoinITCase {

    private static final S3TestServer S3 = S3TestServer.start();

    static {
        try (S3Client s3 = S3.client()) {
            s3.createBucket(b -> b.bucket("reference"));
        }
        // Flink's s3a:// reads its s3.* keys when the file systems are initialized; the MiniCluster gets them too.
        FileSystem.initialize(S3.flinkS3Options(), null);
    }

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(4, S3.flinkS3Options());

    @RegisterExtension
    @Order(2)
    static final SluiceExtension SLUICE = SluiceExtension.defaults();

    @TempDir
    Path dir;

    @AfterAll
    static void stopS3() throws Exception {
        S3.close();
    }

    @Test
    @Timeout(300)
    void aJoinWithALocalFileSeesTheFileReplaced() throws Exception {
        Path file = dir.resolve("products.csv");
        Consumer<String> replace = content -> {
            try {
                Path next = Files.writeString(dir.resolve("products.csv.tmp"), content, StandardCharsets.UTF_8);
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        joinSeesTheReplacedFile("orders-local", file.toUri().toString(), replace);
    }

    @Test
    @Timeout(300)
    void aJoinWithAnS3ObjectSeesTheObjectReplaced() throws Exception {
        try (S3Client s3 = S3.client()) {
            Consumer<String> replace = content -> s3.putObject(b -> b.bucket("reference").key("products.csv"), RequestBody.fromString(content));
            joinSeesTheReplacedFile("orders-s3", "s3a://reference/products.csv", replace);
        }
    }

    /**
     * Orders (id, product) on a one-shard stream, read by one subtask, so the joined rows come in put order; products
     * (product, name) in the reference file. Unknown products have no row (an inner join).
     */
    private static void joinSeesTheReplacedFile(String stream, String path, Consumer<String> replace) throws Exception {
        replace.accept("product,name\np1,Widget\np2,Gadget\n");
        try (Client admin = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = admin.api();
            kinesis.createStream(b -> b.streamName(stream).shardCount(1));
            Streams.awaitActive(kinesis, stream);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            StreamTableEnvironment tables = StreamTableEnvironment.create(env);
            tables.executeSql("CREATE TABLE orders (id INT, product STRING, proc_time AS PROCTIME()) WITH ('connector' = 'kinesis',"
                    + " 'stream' = '" + stream + "', 'aws.endpoint' = '" + SLUICE.endpoint() + "', 'format' = 'json',"
                    + " 'scan.stream.initpos' = 'TRIM_HORIZON', 'scan.shard.discovery.interval' = '500 ms')");
            tables.executeSql("CREATE TABLE products (product STRING, name STRING) WITH ('connector' = 'reference', 'path' = '" + path
                    + "', 'format' = 'csv', 'ignore-first-line' = 'true', 'reload.check-interval' = '200 ms')");
            TableResult result = tables.executeSql("SELECT o.id, p.name FROM orders AS o"
                    + " JOIN products FOR SYSTEM_TIME AS OF o.proc_time AS p ON o.product = p.product");
            try (CloseableIterator<Row> rows = result.collect()) {
                put(kinesis, stream, 1, "p1");
                put(kinesis, stream, 2, "p2");
                put(kinesis, stream, 3, "p3");
                put(kinesis, stream, 4, "p1");
                assertThat(next(rows, 3)).containsExactly(Row.of(1, "Widget"), Row.of(2, "Gadget"), Row.of(4, "Widget"));

                replace.accept("product,name\np1,Widget v2\np3,Sprocket\n");
                // Probes until one sees the new file (each subtask checks every 200 ms): every probe sees one version.
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                for (int probe = 100; ; probe++) {
                    put(kinesis, stream, probe, "p1");
                    Row row = next(rows, 1).get(0);
                    assertThat(row.getField(0)).isEqualTo(probe);
                    if ("Widget v2".equals(row.getField(1))) {
                        break;
                    }
                    assertThat(row).isEqualTo(Row.of(probe, "Widget"));
                    assertThat(System.nanoTime()).as("the new file is seen within 60 s").isLessThan(deadline);
                }
                put(kinesis, stream, 200, "p1");
                put(kinesis, stream, 201, "p2");
                put(kinesis, stream, 202, "p3");
                put(kinesis, stream, 203, "p3");
                assertThat(next(rows, 3)).containsExactly(Row.of(200, "Widget v2"), Row.of(202, "Sprocket"), Row.of(203, "Sprocket"));
            } finally {
                result.getJobClient().orElseThrow().cancel().get();
            }
        }
    }

    private static void put(KinesisClient kinesis, String stream, int id, String product) {
        String json = "{\"id\":" + id + ",\"product\":\"" + product + "\"}";
        kinesis.putRecord(b -> b.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String(json)));
    }

    private static List<Row> next(CloseableIterator<Row> rows, int count) {
        List<Row> next = new ArrayList<>();
        while (next.size() < count && rows.hasNext()) {
            next.add(rows.next());
        }
        return next;
    }
}
