package io.sluice.delivery.source;

import io.sluice.common.connector.source.StreamCatalog;
import io.sluice.common.connector.source.StreamSubscription;
import io.sluice.delivery.api.KinesisStreamSource;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.KinesisStreamSourceDescription;
import software.amazon.awssdk.services.firehose.model.ListDeliveryStreamsResponse;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;

/**
 * The delivery job's {@link StreamCatalog}: the {@code KinesisStreamAsSource} delivery streams, as Sluice's own
 * Firehose endpoint lists (ListDeliveryStreams with the type filter, every page) and describes them
 * (DescribeDeliveryStream: the source's {@code KinesisStreamARN} and {@code DeliveryStartTimestamp}), through the AWS
 * SDK. The delivery-stream registry lives in keyed state inside the job, which no source can read: the endpoint is
 * the registry's one public face, and answers from its checkpointed state. A stream deleted between the listing and
 * its description is left out; any other failure fails the whole call, so that the enumerator keeps what it reads
 * (a half answer would end the splits of streams that still exist).
 */
final class FirehoseStreamCatalog implements StreamCatalog {

    private final FirehoseClient firehose;

    FirehoseStreamCatalog(URI endpoint, String region) {
        this.firehose = FirehoseClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("sluice", "sluice")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(2).connectionTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }

    @Override
    public List<StreamSubscription> subscriptions() {
        List<StreamSubscription> subscriptions = new ArrayList<>();
        for (String name : names()) {
            DeliveryStreamDescription d;
            try {
                d = firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription();
            } catch (ResourceNotFoundException deletedMeanwhile) {
                continue;
            }
            KinesisStreamSourceDescription source = d.source() == null ? null : d.source().kinesisStreamSourceDescription();
            if (source == null) {
                continue;
            }
            long created = source.deliveryStartTimestamp() != null
                    ? source.deliveryStartTimestamp().toEpochMilli()
                    : d.createTimestamp().toEpochMilli();
            subscriptions.add(DeliverySubscriptions.of(name, created, new KinesisStreamSource(source.kinesisStreamARN(), source.roleARN())));
        }
        return subscriptions;
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        String after = null;
        ListDeliveryStreamsResponse page;
        do {
            String start = after;
            page = firehose.listDeliveryStreams(b -> b.deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE).limit(10_000)
                    .exclusiveStartDeliveryStreamName(start));
            names.addAll(page.deliveryStreamNames());
            after = names.isEmpty() ? null : names.get(names.size() - 1);
        } while (Boolean.TRUE.equals(page.hasMoreDeliveryStreams()) && after != null);
        return names;
    }

    @Override
    public void close() {
        firehose.close();
    }
}
