package io.sluice.analytics.reference;

import static io.sluice.analytics.reference.ReferenceOptions.IGNORE_FIRST_LINE;
import static io.sluice.analytics.reference.ReferenceOptions.PATH;
import static io.sluice.analytics.reference.ReferenceOptions.RELOAD_CHECK_INTERVAL;

import java.time.Duration;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.core.fs.Path;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * {@code 'connector' = 'reference'}: Kinesis Data Analytics' reference data, a CSV or JSON-lines file
 * ({@code 'format' = 'csv' | 'json'}, with the format's own options such as {@code 'csv.field-delimiter'}) on S3
 * ({@code s3a://}) or a local disk, joined to a stream with {@code FOR SYSTEM_TIME AS OF} and reloaded when it changes.
 */
public final class ReferenceTableFactory implements DynamicTableSourceFactory {

    public static final String IDENTIFIER = "reference";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(PATH, FactoryUtil.FORMAT);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(RELOAD_CHECK_INTERVAL, IGNORE_FIRST_LINE);
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        var format = helper.discoverDecodingFormat(DeserializationFormatFactory.class, FactoryUtil.FORMAT);
        helper.validate();
        ReadableConfig options = helper.getOptions();
        Duration interval = options.get(RELOAD_CHECK_INTERVAL);
        if (interval.toMillis() <= 0) {
            throw new ValidationException(RELOAD_CHECK_INTERVAL.key() + " must be positive, not " + interval);
        }
        String path = options.get(PATH);
        try {
            new Path(path);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(PATH.key() + " is not a path: " + path, e);
        }
        return new ReferenceTableSource(context.getPhysicalRowDataType(), format, path, options.get(IGNORE_FIRST_LINE), interval);
    }
}
