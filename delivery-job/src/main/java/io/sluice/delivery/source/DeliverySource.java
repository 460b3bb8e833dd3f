package io.sluice.delivery.source;

import io.sluice.common.account.AccountOptions;
import io.sluice.common.connector.KinesisClientConfig;
import io.sluice.common.connector.source.KinesisSource;
import io.sluice.common.http.HttpSourceOptions;
import io.sluice.delivery.DeliveryOptions;
import io.sluice.delivery.buffer.PutCommand;
import java.net.URI;
import org.apache.flink.configuration.Configuration;

/**
 * The delivery job's source of {@code KinesisStreamAsSource} records: Sluice's {@link KinesisSource} over the
 * subscriptions {@link FirehoseStreamCatalog} finds, reading {@code sluice.firehose.kinesis.endpoint}.
 */
public final class DeliverySource {

    private DeliverySource() {}

    public static KinesisSource<PutCommand> create(Configuration conf) {
        URI catalogEndpoint = URI.create(catalogEndpoint(conf));
        String region = conf.get(AccountOptions.REGION);
        return KinesisSource.<PutCommand>builder()
                .streams(() -> new FirehoseStreamCatalog(catalogEndpoint, region))
                .client(KinesisClientConfig.sluice(URI.create(kinesisEndpoint(conf))))
                .shardDiscoveryInterval(conf.get(DeliveryOptions.KINESIS_DISCOVERY_INTERVAL))
                .deserializer(new SourceRecords())
                .build();
    }

    /** {@code sluice.firehose.kinesis.endpoint}, else the embedded Streams endpoint. */
    static String kinesisEndpoint(Configuration conf) {
        return conf.getOptional(DeliveryOptions.KINESIS_ENDPOINT)
                .orElseGet(() -> local(conf.get(HttpSourceOptions.STREAMS.host), conf.get(HttpSourceOptions.STREAMS.port)));
    }

    /** {@code sluice.firehose.kinesis.catalog-endpoint}, else the job's own Firehose endpoint. */
    static String catalogEndpoint(Configuration conf) {
        return conf.getOptional(DeliveryOptions.CATALOG_ENDPOINT)
                .orElseGet(() -> local(conf.get(HttpSourceOptions.FIREHOSE.host), conf.get(HttpSourceOptions.FIREHOSE.port)));
    }

    private static String local(String bindHost, int port) {
        String host = bindHost.equals("0.0.0.0") || bindHost.equals("::") ? "localhost" : bindHost;
        return "http://" + host + ":" + port;
    }
}
