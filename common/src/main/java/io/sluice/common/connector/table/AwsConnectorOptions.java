package io.sluice.common.connector.table;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The options that the {@code kinesis} and {@code firehose} tables share, under one name each: where
 * the service is (region, endpoint, credentials) and how the sink batches ({@code sink.*}).
 */
public final class AwsConnectorOptions {

    public static final ConfigOption<String> REGION =
            ConfigOptions.key("aws.region").stringType().defaultValue("us-east-1").withDescription("AWS region of the stream or delivery stream.");

    public static final ConfigOption<String> ENDPOINT =
            ConfigOptions.key("aws.endpoint").stringType().noDefaultValue()
                    .withDescription("Endpoint of the service's API, e.g. Sluice's http://localhost:4567 (default: AWS's).");

    public static final ConfigOption<String> ACCESS_KEY_ID =
            ConfigOptions.key("aws.credentials.basic.accesskeyid").stringType().noDefaultValue()
                    .withDescription("Static access key id (default: the AWS SDK's credentials chain).");

    public static final ConfigOption<String> SECRET_KEY =
            ConfigOptions.key("aws.credentials.basic.secretkey").stringType().noDefaultValue()
                    .withDescription("Static secret key, with aws.credentials.basic.accesskeyid.");

    public static final ConfigOption<Integer> SINK_BATCH_MAX_SIZE =
            ConfigOptions.key("sink.batch.max-size").intType().defaultValue(500)
                    .withDescription("Records per PutRecords or PutRecordBatch (1–500).");

    public static final ConfigOption<Integer> SINK_MAX_IN_FLIGHT =
            ConfigOptions.key("sink.requests.max-inflight").intType().defaultValue(50).withDescription("Batch calls in flight per writer.");

    public static final ConfigOption<Integer> SINK_MAX_BUFFERED =
            ConfigOptions.key("sink.requests.max-buffered").intType().defaultValue(10_000)
                    .withDescription("Records a writer buffers before it back-pressures.");

    public static final ConfigOption<Duration> SINK_FLUSH_TIMEOUT =
            ConfigOptions.key("sink.flush-buffer.timeout").durationType().defaultValue(Duration.ofSeconds(5))
                    .withDescription("Longest a record waits for its batch to fill.");

    private AwsConnectorOptions() {}
}
