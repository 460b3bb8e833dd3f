package io.sluice.common.connector.table;

import static io.sluice.common.connector.table.FirehoseConnectorOptions.DELIVERY_STREAM;
import static io.sluice.common.connector.table.FirehoseConnectorOptions.RECORD_DELIMITER;

import io.sluice.common.connector.sink.FirehoseSink;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.SerializationFormatFactory;

/**
 * {@code 'connector' = 'firehose'}: a Firehose delivery stream (Sluice's or AWS's) as a SQL sink table,
 * written by Direct PUT with {@code FirehoseSink} in any Flink format, one row per record, each ended by
 * {@code sink.record-delimiter} (a newline unless told). Insert-only: Firehose has no updates.
 */
public final class FirehoseDynamicTableFactory implements DynamicTableSinkFactory {

    public static final String IDENTIFIER = "firehose";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(DELIVERY_STREAM, FactoryUtil.FORMAT);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> options = new HashSet<>(AwsTableOptions.SHARED);
        options.add(RECORD_DELIMITER);
        return options;
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        var format = helper.discoverEncodingFormat(SerializationFormatFactory.class, FactoryUtil.FORMAT);
        helper.validate();
        ReadableConfig options = helper.getOptions();
        return new FirehoseDynamicSink(context.getPhysicalRowDataType(), format, options.get(DELIVERY_STREAM),
                AwsTableOptions.clientConfig(options), FirehoseConnectorOptions.unescape(options.get(RECORD_DELIMITER)),
                AwsTableOptions.tuning(options, FirehoseSink.MAX_BATCH_RECORDS));
    }
}
