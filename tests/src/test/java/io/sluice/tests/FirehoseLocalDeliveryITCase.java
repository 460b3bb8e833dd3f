package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.firehose.model.CompressionFormat.GZIP;

import io.sluice.delivery.DeliveryOptions;
import io.sluice.delivery.s3.CompressionFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * Firehose Direct PUT delivered into LOCAL buckets (directories) with a fixed arrival clock, through
 * the AWS SDK's FirehoseClient: exact object keys and exact contents after decompression, buffering
 * by interval and by size, and a destination update that takes effect for later objects.
 */
class FirehoseLocalDeliveryITCase {

    /** The arrival time every record gets: object keys are exact. */
    private static final String ARRIVAL = "2026-01-02T03:04:05Z";


    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(4);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension FIREHOSE = SluiceExtension.firehoseWithLocalBuckets(conf -> {
        conf.set(DeliveryOptions.CLOCK, "fixed:" + ARRIVAL);
    });


    @Test
    void intervalZeroDeliversOneGzipObjectWithAwsKeyAndExactBytes() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            createS3Stream(firehose, "clicks", "bucket-a", 128, 0, "GZIP");
            PutRecordBatchResponse put = firehose.putRecordBatch(b -> b.deliveryStreamName("clicks").records(
                    record("{\"n\":1}\n"), record("{\"n\":2}\n"), record("{\"n\":3}\n")));
            assertThat(put.failedPutCount()).isZero();
            assertThat(put.requestResponses()).hasSize(3).allSatisfy(r -> assertThat(r.recordId()).hasSize(48));
            assertThat(put.requestResponses().stream().map(r -> r.recordId()).distinct()).hasSize(3);

            List<Path> objects = awaitObjects("bucket-a", 1);
            String key = FIREHOSE.buckets().key("bucket-a", objects.get(0));
            assertThat(key).matches("2026/01/02/03/clicks-1-2026-01-02-03-04-05-[0-9a-f-]{36}\\.gz");
            assertThat(read(objects.get(0), CompressionFormat.GZIP)).isEqualTo("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
        }
    }

    @Test
    void sizeHintFlushesWhenReachedAndIntervalKeepsTheRest() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            createS3Stream(firehose, "sized", "bucket-b", 1, 900, "UNCOMPRESSED");
            byte[] a = filled('a', 300_000);
            byte[] b = filled('b', 300_000);
            byte[] c = filled('c', 300_000);
            byte[] d = filled('d', 300_000);
            firehose.putRecordBatch(r -> r.deliveryStreamName("sized").records(record(a), record(b)));
            firehose.putRecordBatch(r -> r.deliveryStreamName("sized").records(record(c), record(d)));
            firehose.putRecord(r -> r.deliveryStreamName("sized").record(record("tail")));

            List<Path> objects = awaitObjects("bucket-b", 1);
            String key = FIREHOSE.buckets().key("bucket-b", objects.get(0));
            assertThat(key).matches("2026/01/02/03/sized-1-2026-01-02-03-04-05-[0-9a-f-]{36}");
            byte[] expected = concat(a, b, c, d);
            assertThat(Files.readAllBytes(objects.get(0))).isEqualTo(expected);
            // "tail" waits for the 900 s interval (or the next MiB): still exactly one object.
            assertThat(listObjects("bucket-b")).hasSize(1);
        }
    }

    @Test
    void updatedDestinationWritesLaterObjectsUnderTheNewVersionAndPrefix() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(FIREHOSE.endpoint())) {
            createS3Stream(firehose, "moving", "bucket-c", 128, 0, "UNCOMPRESSED");
            firehose.putRecord(r -> r.deliveryStreamName("moving").record(record("one")));
            awaitObjects("bucket-c", 1);
            firehose.updateDestination(u -> u.deliveryStreamName("moving").currentDeliveryStreamVersionId("1")
                    .destinationId("destinationId-000000000001")
                    .extendedS3DestinationUpdate(e -> e.prefix("moved/").compressionFormat(GZIP)));
            assertThat(firehose.describeDeliveryStream(r -> r.deliveryStreamName("moving")).deliveryStreamDescription().versionId())
                    .isEqualTo("2");
            firehose.putRecord(r -> r.deliveryStreamName("moving").record(record("two")));
            List<Path> objects = awaitObjects("bucket-c", 2);
            Path moved = objects.stream().filter(p -> p.toString().contains("/moved/")).findFirst().orElseThrow();
            assertThat(FIREHOSE.buckets().key("bucket-c", moved))
                    .matches("moved/2026/01/02/03/moving-2-2026-01-02-03-04-05-[0-9a-f-]{36}\\.gz");
            assertThat(read(moved, CompressionFormat.GZIP)).isEqualTo("two");
        }
    }

    static void createS3Stream(FirehoseClient firehose, String name, String bucket, int sizeMb, int intervalSeconds, String compression) {
        firehose.createDeliveryStream(b -> b.deliveryStreamName(name).deliveryStreamType("DirectPut")
                .extendedS3DestinationConfiguration(d -> d.roleARN("arn:aws:iam::000000000000:role/firehose")
                        .bucketARN("arn:aws:s3:::" + bucket)
                        .bufferingHints(h -> h.sizeInMBs(sizeMb).intervalInSeconds(intervalSeconds))
                        .compressionFormat(compression)));
        FirehoseStreams.awaitActive(firehose, name);
    }

    private static Record record(String data) {
        return Record.builder().data(SdkBytes.fromUtf8String(data)).build();
    }

    private static Record record(byte[] data) {
        return Record.builder().data(SdkBytes.fromByteArray(data)).build();
    }

    private static byte[] filled(char c, int n) {
        byte[] bytes = new byte[n];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String read(Path object, CompressionFormat format) throws IOException {
        try (InputStream in = format.unwrap(Files.newInputStream(object))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Path> awaitObjects(String bucket, int count) throws InterruptedException {
        return FIREHOSE.buckets().awaitObjects(bucket, count);
    }

    private static List<Path> listObjects(String bucket) {
        return FIREHOSE.buckets().objects(bucket);
    }
}
