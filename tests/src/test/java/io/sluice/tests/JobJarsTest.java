package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * What {@code mvn package} put in the job jars and in flink-sql-connector-sluice (README "Job jars"): each job jar runs
 * its entry class with Sluice's classes and the AWS SDK bundled and Flink's own left to the cluster; the connector jar
 * has every bundled library relocated and the table factories' service file merged.
 */
class JobJarsTest {

    private static final String FACTORIES = "META-INF/services/org.apache.flink.table.factories.Factory";
    private static final List<String> SLUICE_FACTORIES = List.of(
            "io.sluice.common.connector.table.KinesisDynamicTableFactory", "io.sluice.common.connector.table.FirehoseDynamicTableFactory");
    /** Flink's own classes that flink-dist ships: a job jar must leave them to the cluster. */
    private static final List<String> FLINK_OWN = List.of("org/apache/flink/runtime/", "org/apache/flink/streaming/api/",
            "org/apache/flink/table/api/", "org/apache/flink/table/runtime/", "org/apache/flink/configuration/",
            "org/apache/flink/contrib/streaming/state/", "org/rocksdb/", "org/apache/flink/shaded/");

    @Test
    void ingestJobJar() throws IOException {
        try (JarFile jar = new JarFile(BuiltJars.job("ingest-job").toFile())) {
            assertJobJar(jar, "io.sluice.ingest.IngestJob");
            assertThat(classes(jar, "io/sluice/ingest/shard/")).isNotEmpty();
            // Replay on a cluster: the State Processor API and Parquet are in no Flink distribution's lib/.
            assertThat(classes(jar, "io/sluice/ingest/replay/")).isNotEmpty();
            assertThat(classes(jar, "org/apache/flink/state/api/")).isNotEmpty();
            assertThat(classes(jar, "org/apache/parquet/hadoop/")).isNotEmpty();
            // The embedded launcher's runtime dependencies stay out: on a cluster each service is its own jar.
            assertThat(classes(jar, "io/sluice/delivery/")).isEmpty();
            assertThat(classes(jar, "io/sluice/analytics/")).isEmpty();
            // and the State Processor API's own: its savepoint table connector and state module
            assertThat(lines(jar, FACTORIES)).containsExactlyInAnyOrderElementsOf(Stream.concat(SLUICE_FACTORIES.stream(),
                    Stream.of("org.apache.flink.state.table.module.StateModuleFactory",
                            "org.apache.flink.state.table.SavepointDynamicTableSourceFactory")).toList());
        }
    }

    @Test
    void deliveryJobJar() throws IOException {
        try (JarFile jar = new JarFile(BuiltJars.job("delivery-job").toFile())) {
            assertJobJar(jar, "io.sluice.delivery.DeliveryJob");
            assertThat(classes(jar, "org/apache/parquet/hadoop/")).isNotEmpty();
            assertThat(classes(jar, "org/apache/orc/")).isNotEmpty();
            // Hadoop's common classes and S3A come from flink-s3-fs-hadoop in the cluster's lib/.
            assertThat(classes(jar, "org/apache/hadoop/fs/s3a/")).isEmpty();
            assertThat(classes(jar, "org/apache/hadoop/conf/")).isEmpty();
            assertThat(classes(jar, "io/sluice/analytics/")).isEmpty();
            assertThat(lines(jar, FACTORIES)).containsExactlyInAnyOrderElementsOf(SLUICE_FACTORIES);
        }
    }

    @Test
    void analyticsJobJar() throws IOException {
        try (JarFile jar = new JarFile(BuiltJars.job("analytics-job").toFile())) {
            assertJobJar(jar, "io.sluice.analytics.app.ApplicationJob");
            assertThat(jar.getEntry("io/sluice/analytics/functions/SluiceFunctions.class")).isNotNull();
            assertThat(classes(jar, "org/apache/flink/table/gateway/")).isEmpty();
            assertThat(lines(jar, FACTORIES)).containsExactlyInAnyOrder(
                    "io.sluice.common.connector.table.KinesisDynamicTableFactory",
                    "io.sluice.common.connector.table.FirehoseDynamicTableFactory",
                    "io.sluice.analytics.reference.ReferenceTableFactory");
        }
    }

    @Test
    void sqlConnectorJarRelocatesAllButFlink() throws IOException {
        Path file = BuiltJars.sqlConnector();
        assertThat(file.getFileName().toString()).isEqualTo("flink-sql-connector-sluice-" + BuiltJars.version() + ".jar");
        try (JarFile jar = new JarFile(file.toFile())) {
            assertThat(jar.getEntry("io/sluice/common/connector/table/KinesisDynamicTableFactory.class")).isNotNull();
            assertThat(jar.getEntry("io/sluice/common/connector/table/FirehoseDynamicTableFactory.class")).isNotNull();
            assertThat(lines(jar, FACTORIES)).containsExactlyInAnyOrderElementsOf(SLUICE_FACTORIES);
            for (String unrelocated : List.of("software/amazon/", "io/netty/", "com/fasterxml/jackson/", "org/reactivestreams/",
                    "org/apache/http/", "org/apache/hc/", "org/apache/commons/")) {
                assertThat(classes(jar, unrelocated)).as(unrelocated).isEmpty();
                assertThat(classes(jar, "META-INF/versions/")).noneMatch(name -> name.contains("/" + unrelocated));
            }
            assertThat(classes(jar, "io/sluice/shaded/software/amazon/awssdk/services/kinesis/")).isNotEmpty();
            assertThat(classes(jar, "io/sluice/shaded/io/netty/handler/codec/http2/")).isNotEmpty();
            // The SDK finds its HTTP clients through service files: renamed and rewritten with the classes.
            assertThat(lines(jar, "META-INF/services/io.sluice.shaded.software.amazon.awssdk.http.async.SdkAsyncHttpService"))
                    .containsExactly("io.sluice.shaded.software.amazon.awssdk.http.nio.netty.NettySdkAsyncHttpService");
            assertThat(jar.getEntry("META-INF/services/software.amazon.awssdk.http.async.SdkAsyncHttpService")).isNull();
            for (String flink : FLINK_OWN) {
                assertThat(classes(jar, flink)).as(flink).isEmpty();
            }
        }
    }

    private static void assertJobJar(JarFile jar, String entryClass) throws IOException {
        assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(entryClass);
        assertThat(jar.getEntry(entryClass.replace('.', '/') + ".class")).isNotNull();
        assertThat(classes(jar, "io/sluice/common/")).isNotEmpty();
        assertThat(classes(jar, "software/amazon/awssdk/services/kinesis/")).isNotEmpty();
        assertThat(classes(jar, "io/netty/handler/codec/http/")).isNotEmpty();
        assertThat(classes(jar, "com/fasterxml/jackson/dataformat/cbor/")).isNotEmpty();
        // The Flink connector base: not in every flink-dist, so the jobs that use Sluice's connector bring it.
        assertThat(classes(jar, "org/apache/flink/connector/base/")).isNotEmpty();
        for (String flink : FLINK_OWN) {
            assertThat(classes(jar, flink)).as(flink).isEmpty();
        }
        assertThat(jar.stream().map(ZipEntry::getName)).noneMatch(name -> name.startsWith("org/apache/logging/log4j/")
                || name.startsWith("org/slf4j/"));
    }

    private static List<String> classes(JarFile jar, String prefix) {
        return jar.stream().map(ZipEntry::getName).filter(n -> n.startsWith(prefix) && n.endsWith(".class")).toList();
    }

    private static List<String> lines(JarFile jar, String entry) throws IOException {
        ZipEntry e = jar.getEntry(entry);
        assertThat(e).as(entry).isNotNull();
        return new String(jar.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8).lines()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}
