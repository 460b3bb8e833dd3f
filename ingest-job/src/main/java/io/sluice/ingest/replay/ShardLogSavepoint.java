package io.sluice.ingest.replay;

import io.sluice.common.serialization.JacksonTypeInfo;
import io.sluice.ingest.IngestJob;
import io.sluice.ingest.IngestSettings;
import io.sluice.ingest.catalog.StreamCatalog;
import io.sluice.ingest.catalog.StreamMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.input.KeyedStateInputFormat;
import org.apache.flink.state.api.input.SourceBuilder;
import org.apache.flink.state.api.runtime.MutableConfig;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * A savepoint (or retained checkpoint) of the ingest job, opened for replay: the entry point of
 * {@code io.sluice.ingest.replay}, for {@code bin/replay} and for Flink sources over savepoints.
 *
 * <pre>
 * ShardLogSavepoint savepoint = ShardLogSavepoint.open(path);              // checks the path holds the shard log
 * ReplayPlan plan = savepoint.plan(catalogEnv, ReplayQuery.of("orders")); // reads the stream catalog
 * DataStream&lt;ReplayedRecord&gt; records = savepoint.records(env, plan, settings); // the bounded source, in shard order
 * // or, both steps at once:  ShardLogSavepoint.open(path).records(env, ReplayQuery.of("orders"))
 * </pre>
 *
 * <p>{@link #plan} reads the catalog's state (stream metadata, never records: straight from a canonical savepoint's files,
 * else with one small bounded job on the environment it is given) and collects the stream's shards and lineage;
 * {@link #records} adds the records' source to another environment, each lineage of shards in plan order (each shard in
 * sequence order, parents before children). The records are read block by block, so the heap holds a block at a time,
 * not a shard.
 */
public final class ShardLogSavepoint {

    private final String path;
    private final CheckpointMetadata metadata;
    private final OperatorState shardLog;
    private final OperatorState catalog;

    private ShardLogSavepoint(String path, CheckpointMetadata metadata, OperatorState shardLog, OperatorState catalog) {
        this.path = path;
        this.metadata = metadata;
        this.shardLog = shardLog;
        this.catalog = catalog;
    }

    /** Opens the savepoint or retained checkpoint ({@code chk-N}) at {@code path}, a directory or a URI of one. */
    public static ShardLogSavepoint open(String path) throws ReplayException {
        CheckpointMetadata metadata;
        try {
            metadata = SavepointLoader.loadSavepointMetadata(path);
        } catch (IOException | RuntimeException e) {
            throw new ReplayException(path + " is not a savepoint or retained checkpoint of the ingest job: " + e.getMessage(), e);
        }
        OperatorState shardLog = operator(metadata, IngestJob.SHARD_LOG_UID);
        OperatorState catalog = operator(metadata, StreamCatalog.UID);
        if (shardLog == null || catalog == null) {
            throw new ReplayException(path + " is a savepoint of another job: it holds no shard log of the ingest job (operator uid "
                    + IngestJob.SHARD_LOG_UID + ")");
        }
        ChangelogCheck.require(path, shardLog);
        return new ShardLogSavepoint(path, metadata, shardLog, catalog);
    }

    private static OperatorState operator(CheckpointMetadata metadata, String uid) {
        var id = OperatorIdentifier.forUid(uid).getOperatorId();
        return metadata.getOperatorStates().stream().filter(s -> s.getOperatorID().equals(id)).findFirst().orElse(null);
    }

    public String path() {
        return path;
    }

    public long checkpointId() {
        return metadata.getCheckpointId();
    }

    /**
     * Every stream's metadata as the savepoint holds it: read straight from a canonical savepoint's files, else by a small
     * bounded job on {@code env} (give it a fresh one) through the State Processor API.
     */
    public List<StreamMetadata> streams(StreamExecutionEnvironment env) throws ReplayException {
        if (SavepointKeyedState.readable(catalog)) {
            List<StreamMetadata> all = new ArrayList<>();
            try (SavepointKeyedState.Entries entries = SavepointKeyedState.of(catalog).all()) {
                while (entries.next()) {
                    if (entries.stateName().equals(StreamCatalog.STREAM.getName()) && entries.key() != null) {
                        all.add((StreamMetadata) entries.value());
                    }
                }
                return all;
            } catch (IOException | RuntimeException e) {
                throw new ReplayException("Could not read the stream catalog out of " + path + ": " + rootMessage(e), e);
            }
        }
        try {
            DataStream<StreamMetadata> streams = SavepointReader.read(env, path, new EmbeddedRocksDBStateBackend())
                    .readKeyedState(OperatorIdentifier.forUid(StreamCatalog.UID), new StreamCatalogReadFunction(), Types.STRING,
                            JacksonTypeInfo.of(StreamMetadata.class));
            List<StreamMetadata> all = new ArrayList<>();
            try (CloseableIterator<StreamMetadata> it = streams.executeAndCollect("replay: stream catalog of " + path)) {
                it.forEachRemaining(all::add);
            }
            return all;
        } catch (Exception e) {
            throw new ReplayException("Could not read the stream catalog out of " + path + ": " + rootMessage(e), e);
        }
    }

    /** The plan for {@code query}: the stream's shards to read, in order. Runs {@link #streams} on {@code catalogEnv}. */
    public ReplayPlan plan(StreamExecutionEnvironment catalogEnv, ReplayQuery query) throws ReplayException {
        ReplayQuery checked = query.validated();
        List<StreamMetadata> streams = streams(catalogEnv);
        StreamMetadata stream = streams.stream().filter(s -> s.name().equals(checked.stream())).findFirst().orElse(null);
        if (stream == null) {
            throw new ReplayException("Stream " + checked.stream() + " is not in " + path + "; it holds "
                    + (streams.isEmpty() ? "no streams" : "the streams " + streams.stream().map(StreamMetadata::name).sorted()
                            .collect(Collectors.joining(", "))));
        }
        return ReplayPlan.of(stream, checked);
    }

    /**
     * The plan's records as a bounded stream on {@code env}: each lineage of shards in plan order (each shard in sequence
     * order, parents before children). {@code settings} must be the ingest job's (the state TTL of its descriptors);
     * {@code IngestSettings.from(conf)} of its configuration.
     *
     * <p>A savepoint in Flink's canonical format (every savepoint Sluice takes by default) is read straight from its files
     * ({@link ShardLogInputFormat}), independent lineages in parallel (up to {@code env}'s parallelism), each lineage by one
     * subtask. Other state (an incremental checkpoint's SST files, a native savepoint) goes through the State Processor
     * API, which restores it into a local RocksDB first, at parallelism 1 in plan order.
     */
    public DataStream<ReplayedRecord> records(StreamExecutionEnvironment env, ReplayPlan plan, IngestSettings settings) throws ReplayException {
        if (SavepointKeyedState.readable(shardLog)) {
            ShardLogKeyGroups state = new ShardLogKeyGroups(SavepointKeyedState.of(shardLog));
            return SourceBuilder.fromFormat(env, new ShardLogInputFormat(state, plan), ReplayedRecordSerializer.TYPE)
                    .setParallelism(env.getParallelism() > 0 ? Math.min(ShardLogInputFormat.lineages(plan), env.getParallelism())
                            : ShardLogInputFormat.lineages(plan))
                    .name("Replay " + plan.stream() + " from " + path)
                    .uid("replay-shard-log");
        }
        try {
            KeyedStateInputFormat<String, BlockRef, ReplayedRecord> format = new KeyedStateInputFormat<>(shardLog,
                    new EmbeddedRocksDBStateBackend(), MutableConfig.of(env.getConfiguration()),
                    new ShardLogReaderOperator(new ShardLogReadFunction(settings, plan)), env.getConfig());
            return SourceBuilder.fromFormat(env, format, ReplayedRecordSerializer.TYPE)
                    .setParallelism(1)
                    .name("Replay " + plan.stream() + " from " + path)
                    .uid("replay-shard-log");
        } catch (IOException e) {
            throw new ReplayException("Could not prepare reading " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The shortest path from a query to records, for sources over savepoints: {@link #plan} on a fresh environment of
     * {@code env}'s configuration (its catalog job runs at once), then {@link #records} on {@code env}, with the ingest
     * settings of that configuration.
     */
    public DataStream<ReplayedRecord> records(StreamExecutionEnvironment env, ReplayQuery query) throws ReplayException {
        Configuration conf = Configuration.fromMap(env.getConfiguration().toMap());
        // The catalog job (State Processor API path only) is a fresh bounded job: it restores nothing of the caller's.
        Configuration catalogJob = new Configuration(conf);
        catalogJob.removeConfig(StateRecoveryOptions.SAVEPOINT_PATH);
        catalogJob.removeConfig(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE);
        ReplayPlan plan = plan(StreamExecutionEnvironment.getExecutionEnvironment(catalogJob), query);
        return records(env, plan, IngestSettings.from(conf));
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
