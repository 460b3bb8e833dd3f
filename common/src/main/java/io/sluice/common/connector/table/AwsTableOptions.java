package io.sluice.common.connector.table;

import static io.sluice.common.connector.table.AwsConnectorOptions.ACCESS_KEY_ID;
import static io.sluice.common.connector.table.AwsConnectorOptions.ENDPOINT;
import static io.sluice.common.connector.table.AwsConnectorOptions.REGION;
import static io.sluice.common.connector.table.AwsConnectorOptions.SECRET_KEY;
import static io.sluice.common.connector.table.AwsConnectorOptions.SINK_BATCH_MAX_SIZE;
import static io.sluice.common.connector.table.AwsConnectorOptions.SINK_FLUSH_TIMEOUT;
import static io.sluice.common.connector.table.AwsConnectorOptions.SINK_MAX_BUFFERED;
import static io.sluice.common.connector.table.AwsConnectorOptions.SINK_MAX_IN_FLIGHT;

import io.sluice.common.connector.KinesisClientConfig;
import io.sluice.common.connector.sink.SinkTuning;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;

/** Reads and checks the {@link AwsConnectorOptions} of a {@code kinesis} or {@code firehose} table, with the option keys in its messages. */
final class AwsTableOptions {

    /** The options every table of an AWS service takes besides its own. */
    static final Set<ConfigOption<?>> SHARED = Set.of(REGION, ENDPOINT, ACCESS_KEY_ID, SECRET_KEY, SINK_BATCH_MAX_SIZE, SINK_MAX_IN_FLIGHT,
            SINK_MAX_BUFFERED, SINK_FLUSH_TIMEOUT);

    private AwsTableOptions() {}

    /** Endpoint, region and credentials: static credentials need both keys. */
    static KinesisClientConfig clientConfig(ReadableConfig options) {
        String accessKey = options.getOptional(ACCESS_KEY_ID).orElse(null);
        String secretKey = options.getOptional(SECRET_KEY).orElse(null);
        if ((accessKey == null) != (secretKey == null)) {
            throw new ValidationException("Give both " + ACCESS_KEY_ID.key() + " and " + SECRET_KEY.key() + ", or neither.");
        }
        return new KinesisClientConfig(options.getOptional(ENDPOINT).orElse(null), options.get(REGION), accessKey, secretKey);
    }

    /** The {@code sink.*} options as a {@link SinkTuning}, each within range. */
    static SinkTuning tuning(ReadableConfig options, int maxBatchRecords) {
        int batch = options.get(SINK_BATCH_MAX_SIZE);
        if (batch < 1 || batch > maxBatchRecords) {
            throw new ValidationException(SINK_BATCH_MAX_SIZE.key() + " must be 1 to " + maxBatchRecords + ", not " + batch);
        }
        positive(options.get(SINK_MAX_IN_FLIGHT), SINK_MAX_IN_FLIGHT);
        positive(options.get(SINK_FLUSH_TIMEOUT).toMillis(), SINK_FLUSH_TIMEOUT);
        if (options.get(SINK_MAX_BUFFERED) <= batch) {
            throw new ValidationException(SINK_MAX_BUFFERED.key() + " must be more than " + SINK_BATCH_MAX_SIZE.key() + " (" + batch + ")");
        }
        return new SinkTuning(batch, options.get(SINK_MAX_IN_FLIGHT), options.get(SINK_MAX_BUFFERED),
                options.get(SINK_FLUSH_TIMEOUT).toMillis());
    }

    static void positive(long value, ConfigOption<?> option) {
        if (value <= 0) {
            throw new ValidationException(option.key() + " must be positive, not " + value);
        }
    }
}
