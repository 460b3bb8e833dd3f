package io.sluice.common.connector.source;

import io.sluice.common.connector.KinesisClientConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Flink source over one Kinesis-protocol stream (Sluice or AWS Kinesis, through the AWS SDK v2):
 * splits are shards, positions live in Flink's checkpoints (restored jobs neither skip nor repeat a
 * record), parents are read before their children, KPL aggregates are de-aggregated, and records are
 * timestamped with their arrival time. Build one with {@link #builder()}.
 *
 * <pre>{@code
 * KinesisSource<String> source = KinesisSource.<String>builder()
 *         .stream("clicks")
 *         .client(KinesisClientConfig.sluice(URI.create("http://localhost:4567")))
 *         .startingPosition(StartingPosition.trimHorizon())
 *         .deserializer(KinesisDeserializationSchema.of(new SimpleStringSchema()))
 *         .build();
 * env.fromSource(source, WatermarkStrategy.forMonotonousTimestamps(), "clicks");
 * }</pre>
 */
public final class KinesisSource<T> implements Source<T, ShardSplit, EnumeratorState>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final String streamName;
    private final KinesisClientConfig clientConfig;
    private final StartingPosition start;
    private final KinesisDeserializationSchema<T> deserializer;
    private final long discoveryIntervalMillis;
    private final int maxRecordsPerCall;
    private final long idleMillis;

    private KinesisSource(Builder<T> b) {
        this.streamName = Objects.requireNonNull(b.streamName, "stream");
        this.clientConfig = Objects.requireNonNull(b.clientConfig, "client");
        this.start = b.start;
        this.deserializer = Objects.requireNonNull(b.deserializer, "deserializer");
        this.discoveryIntervalMillis = b.discoveryInterval.toMillis();
        this.maxRecordsPerCall = b.maxRecordsPerCall;
        this.idleMillis = b.idleInterval.toMillis();
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<T, ShardSplit> createReader(SourceReaderContext context) {
        return KinesisSourceReader.create(deserializer, clientConfig, maxRecordsPerCall, idleMillis, context);
    }

    @Override
    public SplitEnumerator<ShardSplit, EnumeratorState> createEnumerator(SplitEnumeratorContext<ShardSplit> context) {
        return restoreEnumerator(context, new EnumeratorState(Set.of(), Set.of(), List.of(), false));
    }

    @Override
    public SplitEnumerator<ShardSplit, EnumeratorState> restoreEnumerator(SplitEnumeratorContext<ShardSplit> context, EnumeratorState state) {
        return new ShardEnumerator(context, () -> new ShardDiscovery(clientConfig, streamName), streamName, start, discoveryIntervalMillis, state);
    }

    @Override
    public SimpleVersionedSerializer<ShardSplit> getSplitSerializer() {
        return new ShardSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<EnumeratorState> getEnumeratorCheckpointSerializer() {
        return new EnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return deserializer.getProducedType();
    }

    /** Builds a {@link KinesisSource}: stream, client and deserializer are required. */
    public static final class Builder<T> {
        private String streamName;
        private KinesisClientConfig clientConfig;
        private StartingPosition start = StartingPosition.latest();
        private KinesisDeserializationSchema<T> deserializer;
        private Duration discoveryInterval = Duration.ofSeconds(10);
        private int maxRecordsPerCall = 10_000;
        private Duration idleInterval = Duration.ofSeconds(1);

        public Builder<T> stream(String name) {
            this.streamName = name;
            return this;
        }

        public Builder<T> client(KinesisClientConfig config) {
            this.clientConfig = config;
            return this;
        }

        /** Where shards found at the job's first start begin (default LATEST); later shards are read whole. */
        public Builder<T> startingPosition(StartingPosition position) {
            this.start = position;
            return this;
        }

        public Builder<T> deserializer(KinesisDeserializationSchema<T> schema) {
            this.deserializer = schema;
            return this;
        }

        /** How often the shard list is refreshed (default 10 s); children of a finished shard start at once anyway. */
        public Builder<T> shardDiscoveryInterval(Duration interval) {
            this.discoveryInterval = interval;
            return this;
        }

        /** GetRecords' Limit (default 10 000). */
        public Builder<T> maxRecordsPerCall(int max) {
            this.maxRecordsPerCall = max;
            return this;
        }

        /** How long a shard that returned nothing waits before the next GetRecords (default 1 s, at least 200 ms). */
        public Builder<T> idleInterval(Duration interval) {
            this.idleInterval = interval;
            return this;
        }

        public KinesisSource<T> build() {
            return new KinesisSource<>(this);
        }
    }
}
