package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.delivery.DeliveryOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.Tag;

/**
 * Savepoints of the delivery job of earlier builds restore with this one: every {@code firehose-*} directory under
 * {@code src/test/resources/savepoints/} holds a canonical savepoint of the delivery job ({@code savepoint/}) and what the
 * Firehose API showed of its delivery streams then ({@code expected.json}, {@link FirehoseContents}). Restored from a copy
 * at parallelism 2 (it was taken at 1), every delivery stream, destination setting, version and tag must read back
 * exactly, and the records that were still buffered in state when the savepoint was taken must land in their bucket,
 * once, in one object (their buffer interval has long passed, so the restored timer flushes them at once).
 * {@link #writeFixture} writes a new fixture, as {@link SavepointFixtureITCase} does for the ingest job.
 */
class FirehoseSavepointFixtureITCase {

    /** How the names of the delivery job's fixtures start. */
    static final String PREFIX = "firehose-";

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    /** The records put into {@code pending}, which its 60 s buffer still held at the savepoint. */
    private static final int PENDING_RECORDS = 25;

    @RegisterExtension
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(2);

    @TempDir
    Path dir;

    static List<String> fixtures() throws Exception {
        return Savepoints.fixtures(PREFIX);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void aFixtureSavepointRestoresWithEveryDeliveryStreamAndBufferedRecord(String fixture) throws Exception {
        Path source = Savepoints.fixtureRoot().resolve(fixture);
        JsonNode expected = FirehoseContents.read(source.resolve("expected.json"));
        assertThat(expected.at("/deliveryStreams").findValuesAsText("DeliveryStreamName"))
                .containsExactly("archive", "pending", "plain", "updated");
        Path savepoint = Savepoints.copy(source.resolve("savepoint"), dir.resolve("elsewhere").resolve(fixture));
        LocalBuckets buckets = new LocalBuckets();
        try (SluiceTestServer sluice = start(2, savepoint, buckets, "restored"); FirehoseClient firehose = FirehoseClients.create(sluice.endpoint())) {
            assertThat(FirehoseContents.capture(firehose)).isEqualTo(expected);
            Streams.await("the buffered records delivered", () -> !buckets.objects("pending-bucket").isEmpty(), Duration.ofSeconds(90));
            List<Path> objects = buckets.objects("pending-bucket");
            assertThat(objects).hasSize(1);
            assertThat(Files.readString(objects.get(0))).isEqualTo(String.join("", pendingRecords()));
        } finally {
            buckets.delete();
        }
    }

    /**
     * Writes a new fixture {@code src/test/resources/savepoints/NAME/} for {@code -Dsluice.savepoint-fixture=firehose-...}:
     * four delivery streams (extended S3 with prefixes, compression and tags; plain S3; one updated to version 2; one
     * holding {@link #PENDING_RECORDS} buffered records), stopped with a canonical savepoint at parallelism 1.
     */
    @Test
    @EnabledIfSystemProperty(named = SavepointFixtureITCase.WRITE_PROPERTY, matches = PREFIX + ".+")
    void writeFixture() throws Exception {
        String name = System.getProperty(SavepointFixtureITCase.WRITE_PROPERTY);
        Path target = Savepoints.newFixture(name, PREFIX);
        LocalBuckets buckets = new LocalBuckets();
        JsonNode written;
        Path savepoint;
        try (SluiceTestServer sluice = start(1, null, buckets, "written"); FirehoseClient firehose = FirehoseClients.create(sluice.endpoint())) {
            writeSample(firehose);
            written = FirehoseContents.capture(firehose);
            savepoint = Savepoints.stop(sluice.job(), dir.resolve("savepoints"));
        } finally {
            buckets.delete();
        }
        Savepoints.copy(savepoint, target.resolve("savepoint"));
        FirehoseContents.write(written, target.resolve("expected.json"));
        Files.writeString(target.resolve("README.md"), String.format(
                "Savepoint of the delivery job (Flink %s, parallelism 1, canonical format) written on %s by%n%n"
                        + "    mvn -B -ntp test -pl tests -am -Dtest='FirehoseSavepointFixtureITCase#writeFixture' -D%s=%s"
                        + " -Dsurefire.failIfNoSpecifiedTests=false%n%n"
                        + "holding 4 delivery streams, %d records buffered in 'pending'; expected.json is what the Firehose API"
                        + " showed before the stop.%n",
                EnvironmentInformation.getVersion(), LocalDate.now(ZoneOffset.UTC), SavepointFixtureITCase.WRITE_PROPERTY, name,
                PENDING_RECORDS), StandardCharsets.UTF_8);
    }

    private static void writeSample(FirehoseClient firehose) {
        firehose.createDeliveryStream(b -> b.deliveryStreamName("archive").deliveryStreamType(DeliveryStreamType.DIRECT_PUT)
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::archive-bucket")
                        .prefix("logs/").errorOutputPrefix("errors/").compressionFormat(CompressionFormat.GZIP)
                        .bufferingHints(h -> h.sizeInMBs(2).intervalInSeconds(120)))
                .tags(Tag.builder().key("team").value("data").build(), Tag.builder().key("env").value("test").build()));
        firehose.createDeliveryStream(b -> b.deliveryStreamName("plain")
                .s3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::plain-bucket")));
        firehose.createDeliveryStream(b -> b.deliveryStreamName("updated")
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::updated-bucket").prefix("before/")));
        firehose.createDeliveryStream(b -> b.deliveryStreamName("pending")
                .extendedS3DestinationConfiguration(d -> d.roleARN(ROLE).bucketARN("arn:aws:s3:::pending-bucket")
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(60))));
        for (String name : List.of("archive", "plain", "updated", "pending")) {
            FirehoseStreams.awaitActive(firehose, name);
        }
        DeliveryStreamDescription updated = firehose.describeDeliveryStream(b -> b.deliveryStreamName("updated"))
                .deliveryStreamDescription();
        firehose.updateDestination(b -> b.deliveryStreamName("updated").currentDeliveryStreamVersionId(updated.versionId())
                .destinationId(updated.destinations().get(0).destinationId())
                .extendedS3DestinationUpdate(d -> d.prefix("after/")));
        List<Record> records = pendingRecords().stream().map(r -> Record.builder().data(SdkBytes.fromUtf8String(r)).build()).toList();
        assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName("pending").records(records)).failedPutCount()).isZero();
    }

    private static List<String> pendingRecords() {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < PENDING_RECORDS; i++) {
            records.add("{\"n\":" + i + "}\n");
        }
        return records;
    }

    /** The delivery job at {@code parallelism} with LOCAL buckets, restored from {@code savepoint} unless null. */
    private SluiceTestServer start(int parallelism, Path savepoint, LocalBuckets buckets, String run) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        conf.set(DeliveryOptions.HTTP_ENDPOINTS, parallelism);
        buckets.configure(conf);
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toUri().toString());
        }
        return SluiceTestServer.startFirehose(dir.resolve(run), conf);
    }
}
