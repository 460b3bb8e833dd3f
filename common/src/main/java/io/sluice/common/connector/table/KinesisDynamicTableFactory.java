package io.sluice.common.connector.table;

import static io.sluice.common.connector.table.KinesisConnectorOptions.ACCESS_KEY_ID;
import static io.sluice.common.connector.table.KinesisConnectorOptions.DISCOVERY_INTERVAL;
import static io.sluice.common.connector.table.KinesisConnectorOptions.ENDPOINT;
import static io.sluice.common.connector.table.KinesisConnectorOptions.INIT_POS;
import static io.sluice.common.connector.table.KinesisConnectorOptions.INIT_POS_TIMESTAMP;
import static io.sluice.common.connector.table.KinesisConnectorOptions.REGION;
import static io.sluice.common.connector.table.KinesisConnectorOptions.SECRET_KEY;
import static io.sluice.common.connector.table.KinesisConnectorOptions.SINK_BATCH_MAX_SIZE;
import static io.sluice.common.connector.table.KinesisConnectorOptions.SINK_FLUSH_TIMEOUT;
import static io.sluice.common.connector.table.KinesisConnectorOptions.SINK_MAX_BUFFERED;
import static io.sluice.common.connector.table.KinesisConnectorOptions.SINK_MAX_IN_FLIGHT;
import static io.sluice.common.connector.table.KinesisConnectorOptions.STREAM;

import io.sluice.common.connector.KinesisClientConfig;
import io.sluice.common.connector.source.StartingPosition;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.SerializationFormatFactory;

/**
 * {@code 'connector' = 'kinesis'}: a Kinesis-protocol stream (Sluice or AWS) as a SQL table, read with
 * {@code KinesisSource} and written with {@code KinesisSink}, in any Flink format (json, csv, raw, avro, …).
 */
public final class KinesisDynamicTableFactory implements DynamicTableSourceFactory, DynamicTableSinkFactory {

    public static final String IDENTIFIER = "kinesis";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(STREAM, FactoryUtil.FORMAT);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(REGION, ENDPOINT, ACCESS_KEY_ID, SECRET_KEY, INIT_POS, INIT_POS_TIMESTAMP, DISCOVERY_INTERVAL,
                SINK_BATCH_MAX_SIZE, SINK_MAX_IN_FLIGHT, SINK_MAX_BUFFERED, SINK_FLUSH_TIMEOUT);
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        var format = helper.discoverDecodingFormat(DeserializationFormatFactory.class, FactoryUtil.FORMAT);
        helper.validate();
        ReadableConfig options = helper.getOptions();
        positive(options.get(DISCOVERY_INTERVAL).toMillis(), DISCOVERY_INTERVAL);
        return new KinesisDynamicSource(context.getPhysicalRowDataType(), format, options.get(STREAM), clientConfig(options),
                startingPosition(options), options.get(DISCOVERY_INTERVAL));
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        var format = helper.discoverEncodingFormat(SerializationFormatFactory.class, FactoryUtil.FORMAT);
        helper.validate();
        ReadableConfig options = helper.getOptions();
        int batch = options.get(SINK_BATCH_MAX_SIZE);
        if (batch < 1 || batch > 500) {
            throw new ValidationException(SINK_BATCH_MAX_SIZE.key() + " must be 1 to 500, not " + batch);
        }
        positive(options.get(SINK_MAX_IN_FLIGHT), SINK_MAX_IN_FLIGHT);
        positive(options.get(SINK_FLUSH_TIMEOUT).toMillis(), SINK_FLUSH_TIMEOUT);
        if (options.get(SINK_MAX_BUFFERED) <= batch) {
            throw new ValidationException(SINK_MAX_BUFFERED.key() + " must be more than " + SINK_BATCH_MAX_SIZE.key() + " (" + batch + ")");
        }
        List<String> partitionKeys = context.getCatalogTable().getPartitionKeys();
        RowDataPartitionKeys.checkColumns(context.getPhysicalRowDataType(), partitionKeys);
        return new KinesisDynamicSink(context.getPhysicalRowDataType(), format, options.get(STREAM), clientConfig(options),
                partitionKeys,
                new KinesisDynamicSink.Tuning(options.get(SINK_BATCH_MAX_SIZE), options.get(SINK_MAX_IN_FLIGHT),
                        options.get(SINK_MAX_BUFFERED), options.get(SINK_FLUSH_TIMEOUT)));
    }

    private static void positive(long value, ConfigOption<?> option) {
        if (value <= 0) {
            throw new ValidationException(option.key() + " must be positive, not " + value);
        }
    }

    private static KinesisClientConfig clientConfig(ReadableConfig options) {
        String accessKey = options.getOptional(ACCESS_KEY_ID).orElse(null);
        String secretKey = options.getOptional(SECRET_KEY).orElse(null);
        if ((accessKey == null) != (secretKey == null)) {
            throw new ValidationException("Give both " + ACCESS_KEY_ID.key() + " and " + SECRET_KEY.key() + ", or neither.");
        }
        return new KinesisClientConfig(options.getOptional(ENDPOINT).orElse(null), options.get(REGION), accessKey, secretKey);
    }

    private static StartingPosition startingPosition(ReadableConfig options) {
        StartingPosition.Kind kind = options.get(INIT_POS);
        String timestamp = options.getOptional(INIT_POS_TIMESTAMP).orElse(null);
        if (kind != StartingPosition.Kind.AT_TIMESTAMP) {
            if (timestamp != null) {
                throw new ValidationException(INIT_POS_TIMESTAMP.key() + " is only for " + INIT_POS.key() + " = AT_TIMESTAMP.");
            }
            return kind == StartingPosition.Kind.LATEST ? StartingPosition.latest() : StartingPosition.trimHorizon();
        }
        if (timestamp == null) {
            throw new ValidationException(INIT_POS.key() + " = AT_TIMESTAMP needs " + INIT_POS_TIMESTAMP.key() + ".");
        }
        return StartingPosition.atTimestamp(parseTime(timestamp.trim()));
    }

    private static Instant parseTime(String text) {
        try {
            long millis = new BigDecimal(text).movePointRight(3).setScale(0, java.math.RoundingMode.DOWN).longValueExact();
            return Instant.ofEpochMilli(millis);
        } catch (ArithmeticException tooLarge) {
            throw new ValidationException(INIT_POS_TIMESTAMP.key() + " is out of range: " + text);
        } catch (NumberFormatException notSeconds) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new ValidationException(INIT_POS_TIMESTAMP.key() + " must be epoch seconds or ISO-8601, not " + text);
            }
        }
    }
}
