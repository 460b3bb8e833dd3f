package io.sluice.common.connector.source;

import io.sluice.common.connector.KinesisClientConfig;
import java.time.Duration;
import java.util.Objects;
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
 * A Flink source over one Kinesis-protocol stream, or over the streams a {@link StreamCatalog} names while the job
 * runs (Sluice or AWS Kinesis, through the AWS SDK v2):
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
 *
 * <p>With {@code .streams(catalog)} instead of {@code .stream(name)}, the enumerator asks the catalog at every
 * discovery interval which {@link StreamSubscription}s to read: each is read on its own (its own splits, positions and
 * start), splits carry their subscription ({@link RecordMetadata#subscription()}), and a subscription the catalog no
 * longer names has its splits ended.
 */
public final class KinesisSource<T> implements Source<T, ShardSplit, EnumeratorState>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final StreamCatalog.Factory catalog;
    private final KinesisClientConfig clientConfig;
    private final KinesisDeserializationSchema<T> deserializer;
    private final long discoveryIntervalMillis;
    private final int maxRecordsPerCall;
    private final long idleMillis;
    private final long readBytesPerSecond;
    private final CaughtUpWatermark caughtUp;

    private KinesisSource(Builder<T> b) {
        this.catalog = b.catalog != null ? b.catalog : StreamCatalog.fixed(b.streamName, b.start);
        this.clientConfig = Objects.requireNonNull(b.clientConfig, "client");
        this.deserializer = Objects.requireNonNull(b.deserializer, "deserializer");
        this.discoveryIntervalMillis = b.discoveryInterval.toMillis();
        this.maxRecordsPerCall = b.maxRecordsPerCall;
        this.idleMillis = b.idleInterval.toMillis();
        this.readBytesPerSecond = b.readBytesPerSecond;
        this.caughtUp = b.caughtUp;
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
        return KinesisSourceReader.create(deserializer, clientConfig, maxRecordsPerCall, idleMillis, readBytesPerSecond, caughtUp, context);
    }

    @Override
    public SplitEnumerator<ShardSplit, EnumeratorState> createEnumerator(SplitEnumeratorContext<ShardSplit> context) {
        return restoreEnumerator(context, EnumeratorState.empty());
    }

    @Override
    public SplitEnumerator<ShardSplit, EnumeratorState> restoreEnumerator(SplitEnumeratorContext<ShardSplit> context, EnumeratorState state) {
        return new ShardEnumerator(context, catalog, () -> new ShardDiscovery(clientConfig), discoveryIntervalMillis, state);
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

    /** Builds a {@link KinesisSource}: a stream or a catalog, a client and a deserializer are required. */
    public static final class Builder<T> {
        private String streamName;
        private StreamCatalog.Factory catalog;
        private KinesisClientConfig clientConfig;
        private StartingPosition start = StartingPosition.latest();
        private KinesisDeserializationSchema<T> deserializer;
        private Duration discoveryInterval = Duration.ofSeconds(10);
        private int maxRecordsPerCall = 10_000;
        private Duration idleInterval = Duration.ofSeconds(1);
        private long readBytesPerSecond;
        private CaughtUpWatermark caughtUp;

        public Builder<T> stream(String name) {
            this.streamName = name;
            return this;
        }

        /** The streams to read, as a catalog names them while the job runs (instead of one {@link #stream}). */
        public Builder<T> streams(StreamCatalog.Factory streamCatalog) {
            this.catalog = streamCatalog;
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

        /**
         * How often the catalog is asked and the shard lists are refreshed (default 10 s); children of a finished shard
         * start at once anyway.
         */
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

        /**
         * A shard's own read budget in bytes per second (default 0: none, the server's throttling paces the reading).
         * {@code 2 << 20} keeps each shard within AWS's 2 MiB/s before AWS has to throttle it.
         */
        public Builder<T> readBytesPerSecond(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("readBytesPerSecond must not be negative: " + bytes);
            }
            this.readBytesPerSecond = bytes;
            return this;
        }

        /**
         * For a source whose event time is the arrival time: the watermark a shard takes when GetRecords finds it
         * caught up (default none: a shard's watermark moves only with its records, or its idleness).
         */
        public Builder<T> caughtUpWatermark(CaughtUpWatermark watermark) {
            this.caughtUp = watermark;
            return this;
        }

        public KinesisSource<T> build() {
            if ((streamName == null) == (catalog == null)) {
                throw new IllegalArgumentException("A KinesisSource reads either one stream(...) or the streams(...) of a catalog");
            }
            if (catalog != null && start.kind() != StartingPosition.Kind.LATEST) {
                throw new IllegalArgumentException("With a catalog, each subscription names its own starting position");
            }
            return new KinesisSource<>(this);
        }
    }
}
