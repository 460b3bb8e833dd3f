package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.tests.jars.KinesisTablePrinter;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * flink-sql-connector-sluice beside a user's own AWS SDK: a JVM whose classpath is the connector jar, Flink's table
 * jars and AWS SDK 2.52.0 (tests/src/test/jars/aws-sdk-2.52-user) runs {@link KinesisTablePrinter}, which talks to
 * Sluice with SDK 2.52.0, writes rows into a {@code kinesis} table and reads the stream back through another. With the
 * unshaded sluice-common (built on 2.57.8) in the connector jar's place, the same program fails as the issue saw it.
 */
class SqlConnectorJarITCase {

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(2);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension SLUICE = SluiceExtension.defaults();

    private static final String STREAM = "words";
    /** The unshaded run's stream, so that what it might write never meets the relocated run's. */
    private static final String OTHER_STREAM = "words-unshaded";
    /** Records the test puts before the program runs; the program inserts as many again. */
    private static final int PUT = 2;

    private static Path work;
    private static List<Path> userClasspath;
    private static List<String> expectedRows;

    @BeforeAll
    static void streamAndClasspath() throws Exception {
        work = Files.createTempDirectory("sluice-sql-connector-jar-");
        userClasspath = MavenClasspath.of("aws-sdk-2.52-user", work);
        assertThat(userClasspath).anyMatch(p -> p.getFileName().toString().equals("kinesis-2.52.0.jar"))
                .noneMatch(p -> p.toString().contains("sluice"));
        expectedRows = new ArrayList<>();
        try (KinesisClients.Client client = KinesisClients.create(KinesisClients.Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName(STREAM).shardCount(1));
            kinesis.createStream(b -> b.streamName(OTHER_STREAM).shardCount(1));
            Streams.awaitActive(kinesis, STREAM);
            Streams.awaitActive(kinesis, OTHER_STREAM);
            for (int i = 0; i < PUT; i++) {
                int n = i;
                String json = "{\"n\":" + n + ",\"word\":\"w" + n + "\"}";
                PutRecordResponse put = kinesis.putRecord(b -> b.streamName(STREAM).partitionKey("k" + (n % 2)).data(SdkBytes.fromUtf8String(json)));
                expectedRows.add("row " + n + " w" + n + " k" + (n % 2) + " " + put.sequenceNumber());
            }
        }
    }

    @AfterAll
    static void removeWork() throws Exception {
        TestDirs.delete(work);
    }

    @Test
    void aKinesisTableWritesAndReadsBesideAwsSdk252() throws Exception {
        List<Path> classpath = new ArrayList<>(List.of(program(), BuiltJars.sqlConnector()));
        classpath.addAll(userClasspath);

        JvmProcess.Result result = JvmProcess.run(work, "relocated", classpath, KinesisTablePrinter.class.getName(),
                programArgs(STREAM), Duration.ofMinutes(3));

        assertThat(result.status()).as("exit status; stderr:\n%s", result.err()).isZero();
        List<Record> records;
        try (KinesisClients.Client client = KinesisClients.create(KinesisClients.Kind.SYNC_CBOR, SLUICE.endpoint())) {
            records = Streams.readAll(client.api(), STREAM, "shardId-000000000000", 100);
        }
        assertThat(records).hasSize(2 * PUT);
        List<String> expected = new ArrayList<>(List.of("sdk 2.52.0 sees 1 shard(s)"));
        expected.addAll(expectedRows);
        for (int n = PUT; n < 2 * PUT; n++) {
            Record r = records.get(n);
            assertThat(r.data().asUtf8String()).isEqualTo("{\"n\":" + n + ",\"word\":\"w" + n + "\"}");
            expected.add("row " + n + " w" + n + " w" + n + " " + r.sequenceNumber());
        }
        assertThat(result.out().lines().toList()).containsExactlyElementsOf(expected);
    }

    @Test
    void theUnshadedCommonJarFailsBesideAwsSdk252() throws Exception {
        // What Maven gives a project that pins kinesis 2.52.0 and depends on sluice-common: the SDK core at 2.52.0 (the
        // pinned module's), sluice-common's other SDK modules (firehose, apache-client, netty-nio-client) at 2.57.8,
        // and their other dependencies (Netty, Jackson, the Apache HTTP client, Flink's connector base).
        List<String> fromCommon = List.of("/awssdk/firehose/", "/awssdk/apache-client/", "/awssdk/netty-nio-client/");
        List<Path> classpath = new ArrayList<>(List.of(program(), BuiltJars.common()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (fromCommon.stream().anyMatch(entry::contains) || Stream.of("/io/netty/", "/com/fasterxml/jackson/",
                    "/org/apache/httpcomponents/http", "/commons-logging/", "/commons-codec/", "flink-connector-base")
                    .anyMatch(entry::contains)) {
                classpath.add(Path.of(entry));
            }
        }
        userClasspath.stream().filter(p -> fromCommon.stream().noneMatch(p.toString()::contains)).forEach(classpath::add);

        JvmProcess.Result result = JvmProcess.run(work, "unshaded", classpath, KinesisTablePrinter.class.getName(),
                programArgs(OTHER_STREAM), Duration.ofMinutes(3));

        assertThat(result.status()).isNotZero();
        assertThat(result.err()).contains("java.lang.ClassNotFoundException: software.amazon.awssdk.http.ProxyAuthScheme");
    }

    /** The program inserts PUT rows after the PUT that the test put, then reads all of them. */
    private static List<String> programArgs(String stream) {
        return List.of(SLUICE.endpoint().toString(), stream, String.valueOf(PUT), String.valueOf(PUT), String.valueOf(2 * PUT));
    }

    /** A directory with the program's class alone, as a user's jar would hold it. */
    private static Path program() throws Exception {
        Path dir = work.resolve("program");
        String name = KinesisTablePrinter.class.getName().replace('.', '/') + ".class";
        Path target = dir.resolve(name);
        if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            try (var in = KinesisTablePrinter.class.getClassLoader().getResourceAsStream(name)) {
                Files.copy(in, target);
            }
        }
        return dir;
    }
}
