package io.sluice.common.connector;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClientBuilder;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClientBuilder;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * Where and how the connector reaches a Kinesis-protocol endpoint: Sluice (an endpoint URL) or AWS
 * Kinesis (no endpoint), a region, and static credentials or the SDK's default chain. Serializable,
 * so sources and sinks carry it to the task managers and build their clients there. The Firehose
 * sink reaches a Firehose endpoint (Sluice's delivery job, or AWS) the same way, so it takes this
 * config too (its name predates it).
 *
 * <p>All clients are built {@linkplain AwsRetryStrategy#doNotRetry() without SDK retries}: the
 * connector is the one retry layer, and it knows what a retry costs. The split reader backs off per
 * shard on throttling, server errors and connection failures (an I/O error included: a GetRecords
 * with the same iterator is safe to repeat) while its other shards keep being polled; shard discovery
 * tries again at its next interval; the sink writer keeps failed records in Flink's buffer, and so in
 * checkpoints, and resends them after its own backoff. The SDK's default strategy would first send
 * each throttled call up to four times on its own, stacking its backoff under the connector's and
 * hiding the throttling from it.
 */
public record KinesisClientConfig(String endpoint, String region, String accessKeyId, String secretAccessKey) implements Serializable {

    /** A Sluice endpoint (any credentials are accepted there). */
    public static KinesisClientConfig sluice(URI endpoint) {
        return new KinesisClientConfig(endpoint.toString(), "us-east-1", "sluice", "sluice");
    }

    /** AWS Kinesis in a region, with the SDK's default credentials. */
    public static KinesisClientConfig aws(String region) {
        return new KinesisClientConfig(null, region, null, null);
    }

    /** A synchronous client (Apache HTTP, a few connections) for the connector's own threads. */
    public KinesisClient createClient() {
        KinesisClientBuilder builder = KinesisClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(8).connectionTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    /** An asynchronous client (Netty, HTTP/2 as the Kinesis SDK defaults) for the sink's concurrent PutRecords calls. */
    public KinesisAsyncClient createAsyncClient(int maxConcurrency) {
        KinesisAsyncClientBuilder builder = KinesisAsyncClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(maxConcurrency).connectionTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    /**
     * An asynchronous Firehose client (Netty, HTTP/1.1 as the Firehose SDK defaults) for the Firehose
     * sink's concurrent PutRecordBatch calls: the same endpoint, region and credentials rules, with a
     * Firehose endpoint (Sluice's delivery job, or AWS Firehose when there is none).
     */
    public FirehoseAsyncClient createFirehoseAsyncClient(int maxConcurrency) {
        FirehoseAsyncClientBuilder builder = FirehoseAsyncClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(maxConcurrency).connectionTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    /**
     * Static credentials if given; else the SDK's default chain, which for a custom endpoint (Sluice
     * accepts any credentials) falls back to placeholder ones when the chain finds none.
     */
    private AwsCredentialsProvider credentials() {
        if (accessKeyId != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
        }
        AwsCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        return endpoint == null
                ? chain
                : AwsCredentialsProviderChain.of(chain, StaticCredentialsProvider.create(AwsBasicCredentials.create("sluice", "sluice")));
    }
}
