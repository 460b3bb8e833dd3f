package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The embedded run pointed at an S3 server with Flink's {@code s3.*} keys, as README shows: with
 * {@code s3.endpoint} set, buckets are {@code s3a://} and delivered objects appear on the S3 server.
 */
class EmbeddedS3aRunITCase {

    @TempDir
    static Path workDir;

    static S3TestServer s3;
    static EmbeddedProcess sluice;
    static URI firehoseEndpoint;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3TestServer.start();
        try (S3Client client = s3.client()) {
            client.createBucket(b -> b.bucket("lake"));
        }
        int kinesisPort = EmbeddedProcess.freePort();
        int firehosePort = EmbeddedProcess.freePort();
        firehoseEndpoint = URI.create("http://127.0.0.1:" + firehosePort);
        sluice = EmbeddedProcess.start(workDir.resolve("sluice.log"), List.of(
                "sluice.http.host=127.0.0.1", "sluice.http.port=" + kinesisPort, "rest.port=" + EmbeddedProcess.freePort(),
                "sluice.firehose.http.host=127.0.0.1", "sluice.firehose.http.port=" + firehosePort,
                "sluice.metrics.prometheus-port=-1", "sluice.data-dir=" + workDir.resolve("data"),
                "s3.endpoint=" + s3.endpoint(), "s3.path.style.access=true",
                "s3.access-key=" + S3TestServer.ACCESS_KEY, "s3.secret-key=" + S3TestServer.SECRET_KEY));
        sluice.awaitPing(firehoseEndpoint, Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() throws Exception {
        if (sluice != null) {
            sluice.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void withAnS3EndpointObjectsLandOnTheS3Server() throws Exception {
        try (FirehoseClient firehose = FirehoseClients.create(firehoseEndpoint); S3Client client = s3.client()) {
            firehose.createDeliveryStream(b -> b.deliveryStreamName("to-s3").deliveryStreamType("DirectPut")
                    .extendedS3DestinationConfiguration(d -> d.roleARN("arn:aws:iam::000000000000:role/firehose")
                            .bucketARN("arn:aws:s3:::lake")
                            .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))));
            FirehoseStreams.awaitActive(firehose, "to-s3");
            firehose.putRecordBatch(b -> b.deliveryStreamName("to-s3").records(
                    Record.builder().data(SdkBytes.fromUtf8String("over s3a\n")).build()));
            Streams.await("an object in the S3 bucket", () -> !S3TestServer.objects(client, "lake").isEmpty(), Duration.ofSeconds(60));
            List<S3Object> objects = S3TestServer.objects(client, "lake");
            assertThat(objects).hasSize(1);
            assertThat(objects.get(0).key()).matches("\\d{4}/\\d{2}/\\d{2}/\\d{2}/to-s3-1-[-0-9]{19}-[0-9a-f-]{36}");
            assertThat(client.getObjectAsBytes(b -> b.bucket("lake").key(objects.get(0).key())).asUtf8String()).isEqualTo("over s3a\n");
        }
    }
}
