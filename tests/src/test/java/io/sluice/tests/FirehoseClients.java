package io.sluice.tests;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.FirehoseClientBuilder;

/** The AWS SDK for Java v2 Firehose client pointed at Sluice, the way a user builds it. */
final class FirehoseClients {

    private FirehoseClients() {}

    static FirehoseClient create(URI endpoint) {
        return builder(endpoint).build();
    }

    /** A client whose failed calls are not retried by the SDK: a test producer then knows what was acknowledged once. */
    static FirehoseClient withoutRetries(URI endpoint) {
        return builder(endpoint).overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    private static FirehoseClientBuilder builder(URI endpoint) {
        return FirehoseClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClientBuilder(ApacheHttpClient.builder());
    }
}
