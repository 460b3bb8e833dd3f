package io.sluice.common.connector.source;

import io.sluice.common.connector.KinesisClientConfig;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * A source reader over its shards: one fetcher thread polls them all, the emitter de-aggregates and
 * deserializes, and finished (closed, fully read) shards are reported to the enumerator so that their
 * children can start. Publishes {@code millisBehindLatest} per shard.
 */
final class KinesisSourceReader<T> extends SingleThreadMultiplexSourceReaderBase<FetchedRecord, T, ShardSplit, ShardSplitState> {

    private final KinesisDeserializationSchema<T> schema;
    private final Map<String, Long> millisBehindLatest;

    private KinesisSourceReader(KinesisDeserializationSchema<T> schema, Map<String, Long> millisBehindLatest,
            KinesisClientConfig clientConfig, int maxRecords, long idleMillis, SourceReaderContext context) {
        super(() -> new ShardSplitReader(clientConfig.createClient(), maxRecords, idleMillis, millisBehindLatest),
                new KinesisRecordEmitter<>(schema), new Configuration(), context);
        this.schema = schema;
        this.millisBehindLatest = millisBehindLatest;
    }

    static <T> KinesisSourceReader<T> create(KinesisDeserializationSchema<T> schema, KinesisClientConfig clientConfig,
            int maxRecords, long idleMillis, SourceReaderContext context) {
        return new KinesisSourceReader<>(schema, new ConcurrentHashMap<>(), clientConfig, maxRecords, idleMillis, context);
    }

    @Override
    public void start() {
        try {
            schema.open(new DeserializationSchema.InitializationContext() {
                @Override
                public MetricGroup getMetricGroup() {
                    return context.metricGroup();
                }

                @Override
                public UserCodeClassLoader getUserCodeClassLoader() {
                    return context.getUserCodeClassLoader();
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("Could not open the deserialization schema", e);
        }
        super.start();
    }

    @Override
    protected ShardSplitState initializedState(ShardSplit split) {
        String shardId = split.shardId();
        context.metricGroup().addGroup("shardId", shardId).gauge("millisBehindLatest", () -> millisBehindLatest.getOrDefault(shardId, -1L));
        return new ShardSplitState(split);
    }

    @Override
    protected ShardSplit toSplitType(String splitId, ShardSplitState state) {
        return state.toSplit();
    }

    @Override
    protected void onSplitFinished(Map<String, ShardSplitState> finished) {
        context.sendSourceEventToCoordinator(new ShardsFinished(new ArrayList<>(finished.keySet())));
    }
}
