package io.sluice.common.connector.table;

import static io.sluice.common.connector.table.KinesisConnectorOptions.DISCOVERY_INTERVAL;
import static io.sluice.common.connector.table.KinesisConnectorOptions.ERROR_OUTPUT;
import static io.sluice.common.connector.table.KinesisConnectorOptions.ERROR_OUTPUT_FLUSH_INTERVAL;
import static io.sluice.common.connector.table.KinesisConnectorOptions.ERROR_OUTPUT_NAME;
import static io.sluice.common.connector.table.KinesisConnectorOptions.INIT_POS;
import static io.sluice.common.connector.table.KinesisConnectorOptions.INIT_POS_TIMESTAMP;
import static io.sluice.common.connector.table.KinesisConnectorOptions.READ_RATE;
import static io.sluice.common.connector.table.KinesisConnectorOptions.SAVEPOINT_DEAGGREGATE;
import static io.sluice.common.connector.table.KinesisConnectorOptions.SAVEPOINT_END;
import static io.sluice.common.connector.table.KinesisConnectorOptions.SAVEPOINT_PATH;
import static io.sluice.common.connector.table.KinesisConnectorOptions.SAVEPOINT_START;
import static io.sluice.common.connector.table.KinesisConnectorOptions.STREAM;

import io.sluice.common.connector.KinesisClientConfig;
import io.sluice.common.connector.errors.ErrorOutputSpec;
import io.sluice.common.connector.savepoint.SavepointReadException;
import io.sluice.common.connector.savepoint.SavepointScan;
import io.sluice.common.connector.savepoint.SavepointStreamReader;
import io.sluice.common.connector.sink.KinesisSink;
import io.sluice.common.connector.sink.SinkTuning;
import io.sluice.common.connector.source.StartingPosition;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.WatermarkSpec;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.SerializationFormatFactory;

/**
 * {@code 'connector' = 'kinesis'}: a Kinesis-protocol stream (Sluice or AWS) as a SQL table, read with
 * {@code KinesisSource} and written with {@code KinesisSink}, in any Flink format (json, csv, raw, avro, …); or, with
 * {@code scan.savepoint.path}, read as a bounded table out of an ingest-job savepoint.
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
        Set<ConfigOption<?>> options = new HashSet<>(AwsTableOptions.SHARED);
        options.addAll(Set.of(INIT_POS, INIT_POS_TIMESTAMP, DISCOVERY_INTERVAL, READ_RATE, ERROR_OUTPUT, ERROR_OUTPUT_NAME, ERROR_OUTPUT_FLUSH_INTERVAL,
                SAVEPOINT_PATH, SAVEPOINT_START, SAVEPOINT_END, SAVEPOINT_DEAGGREGATE));
        return options;
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        var format = helper.discoverDecodingFormat(DeserializationFormatFactory.class, FactoryUtil.FORMAT);
        helper.validate();
        ReadableConfig options = helper.getOptions();
        AwsTableOptions.positive(options.get(DISCOVERY_INTERVAL).toMillis(), DISCOVERY_INTERVAL);
        KinesisClientConfig client = AwsTableOptions.clientConfig(options);
        return new KinesisDynamicSource(context.getPhysicalRowDataType(), format, options.get(STREAM), client,
                new ShardScan(startingPosition(options), options.get(DISCOVERY_INTERVAL), readRate(options)), errorOutput(options, context, client),
                rowtimeIsArrivalTime(context.getCatalogTable().getResolvedSchema()), savepoint(options, context));
    }

    /** The {@code scan.savepoint.*} options, checked against the savepoint itself, or null without a savepoint path. */
    private static SavepointRead savepoint(ReadableConfig options, Context context) {
        String path = options.getOptional(SAVEPOINT_PATH).orElse(null);
        if (path == null) {
            for (ConfigOption<?> option : List.of(SAVEPOINT_START, SAVEPOINT_END, SAVEPOINT_DEAGGREGATE)) {
                if (options.getOptional(option).isPresent()) {
                    throw new ValidationException(option.key() + " is only for a table over a savepoint: add " + SAVEPOINT_PATH.key() + ".");
                }
            }
            return null;
        }
        for (ConfigOption<?> option : List.of(INIT_POS, INIT_POS_TIMESTAMP)) {
            if (options.getOptional(option).isPresent()) {
                throw new ValidationException(option.key() + " is for the live stream; a table over a savepoint (" + SAVEPOINT_PATH.key()
                        + ") reads all the records it holds, or those from " + SAVEPOINT_START.key() + " to " + SAVEPOINT_END.key() + ".");
            }
        }
        SavepointStreamReader reader = SavepointStreamReader.find(context.getClassLoader()).orElseThrow(() -> new ValidationException(
                SAVEPOINT_PATH.key() + " needs Sluice's ingest-job on the classpath (sluice-ingest-job, whose io.sluice.ingest.replay"
                        + " reads savepoints); it was not found."));
        SavepointScan scan = new SavepointScan(path, options.get(STREAM), options.getOptional(SAVEPOINT_START).orElse(null),
                options.getOptional(SAVEPOINT_END).orElse(null), options.get(SAVEPOINT_DEAGGREGATE));
        try {
            reader.check(scan);
        } catch (SavepointReadException e) {
            throw new ValidationException(SAVEPOINT_PATH.key() + ": " + e.getMessage(), e);
        }
        return new SavepointRead(reader, scan);
    }

    /** {@code scan.shard.read-rate} in bytes per second; 0 without it. */
    private static long readRate(ReadableConfig options) {
        Optional<MemorySize> rate = options.getOptional(READ_RATE);
        rate.ifPresent(r -> AwsTableOptions.positive(r.getBytes(), READ_RATE));
        return rate.map(MemorySize::getBytes).orElse(0L);
    }

    /** The {@code error-output} options, or null without one; the format must not drop what it cannot decode. */
    private static ErrorOutputSpec errorOutput(ReadableConfig options, Context context, KinesisClientConfig client) {
        String value = options.getOptional(ERROR_OUTPUT).orElse(null);
        if (value == null) {
            return null;
        }
        String format = options.get(FactoryUtil.FORMAT);
        if ("true".equalsIgnoreCase(context.getCatalogTable().getOptions().get(format + ".ignore-parse-errors"))) {
            throw new ValidationException(ERROR_OUTPUT.key() + " needs the format's errors: drop " + format + ".ignore-parse-errors.");
        }
        AwsTableOptions.positive(options.get(ERROR_OUTPUT_FLUSH_INTERVAL).toMillis(), ERROR_OUTPUT_FLUSH_INTERVAL);
        String pumpName = options.getOptional(ERROR_OUTPUT_NAME).orElse(context.getObjectIdentifier().getObjectName());
        try {
            return ErrorOutputSpec.parse(value, pumpName, options.get(ERROR_OUTPUT_FLUSH_INTERVAL), client);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(ERROR_OUTPUT.key() + " " + e.getMessage());
        }
    }

    /** Whether the table's {@code WATERMARK} is declared on the {@code arrival_time} metadata column itself. */
    static boolean rowtimeIsArrivalTime(ResolvedSchema schema) {
        for (WatermarkSpec spec : schema.getWatermarkSpecs()) {
            Column column = schema.getColumn(spec.getRowtimeAttribute()).orElse(null);
            if (column instanceof Column.MetadataColumn metadata
                    && metadata.getMetadataKey().orElse(metadata.getName()).equals(ReadableMetadata.ARRIVAL_TIME.key)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        var format = helper.discoverEncodingFormat(SerializationFormatFactory.class, FactoryUtil.FORMAT);
        helper.validate();
        ReadableConfig options = helper.getOptions();
        SinkTuning tuning = AwsTableOptions.tuning(options, KinesisSink.MAX_BATCH_RECORDS);
        List<String> partitionKeys = context.getCatalogTable().getPartitionKeys();
        RowDataPartitionKeys.checkColumns(context.getPhysicalRowDataType(), partitionKeys);
        return new KinesisDynamicSink(context.getPhysicalRowDataType(), format, options.get(STREAM), AwsTableOptions.clientConfig(options),
                partitionKeys, tuning);
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
