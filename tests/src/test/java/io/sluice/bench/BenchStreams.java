package io.sluice.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** The Kinesis client and stream set-up that the analytics and replay benchmarks share. */
final class BenchStreams {

    private BenchStreams() {}

    /** A synchronous client of the endpoint (Apache HTTP, 16 connections, 60 s socket timeout). */
    static KinesisClient client(String endpoint) {
        return KinesisClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(16).socketTimeout(Duration.ofSeconds(60)))
                .build();
    }

    /** Creates the stream and waits (up to 60 s) until it is ACTIVE; its shards. */
    static List<Shard> create(KinesisClient kinesis, String stream, int shards) throws InterruptedException {
        kinesis.createStream(b -> b.streamName(stream).shardCount(shards));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (kinesis.describeStream(b -> b.streamName(stream)).streamDescription().streamStatus() != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stream " + stream + " not ACTIVE after 60 s");
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling interval of a deadline loop
        }
        return kinesis.listShards(b -> b.streamName(stream)).shards();
    }
}
