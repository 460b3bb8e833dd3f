package io.sluice.ingest.metrics;

import io.sluice.common.model.ShardId;
import io.sluice.ingest.shard.ShardCommand;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.metrics.MetricGroup;

/**
 * The Kinesis metrics of one shard-log subtask: stream-level metrics for every stream it serves
 * (group {@code stream=<name>}), and shard-level ones (group {@code stream=<name>, shard=<id>}) for
 * the shards whose stream has enhanced monitoring on. Each call names what happened to one command.
 */
public final class ShardLogMetrics {

    private final MetricGroup root;
    private final Map<String, StreamMetrics> streams = new HashMap<>();
    private final Map<String, ShardMetrics> shards = new HashMap<>();
    /** The shards of each stream this subtask has served, by shard key. */
    private final Map<String, Set<String>> shardKeys = new HashMap<>();

    public ShardLogMetrics(MetricGroup root) {
        this.root = root;
    }

    /** Records appended: {@code records} of {@code bytes} stored, {@code throttled} refused by the shard's budget. */
    public void appended(ShardCommand cmd, boolean single, int records, long bytes, int throttled) {
        StreamMetrics s = stream(cmd);
        s.incomingBytes.inc(bytes);
        s.incomingRecords.inc(records);
        if (single) {
            s.putRecordBytes.inc(bytes);
            s.putRecordSuccess.inc(records);
        } else {
            s.putRecordsBytes.inc(bytes);
            s.putRecordsTotalRecords.inc(records + throttled);
            s.putRecordsSuccessfulRecords.inc(records);
            s.putRecordsThrottledRecords.inc(throttled);
        }
        s.writeProvisionedThroughputExceeded.inc(throttled);
        ShardMetrics shard = shard(cmd);
        if (shard != null) {
            shard.incomingBytes.inc(bytes);
            shard.incomingRecords.inc(records);
            shard.writeProvisionedThroughputExceeded.inc(throttled);
        }
    }

    /** An append that failed for another reason than throughput (its records are reported failed). */
    public void appendFailed(ShardCommand cmd, boolean single, int records) {
        if (!single) {
            StreamMetrics s = stream(cmd);
            s.putRecordsTotalRecords.inc(records);
            s.putRecordsFailedRecords.inc(records);
        }
    }

    /** A GetRecords answered with {@code records} of {@code bytes}; the last of them is {@code iteratorAgeMillis} old. */
    public void read(ShardCommand cmd, int records, long bytes, long iteratorAgeMillis) {
        StreamMetrics s = stream(cmd);
        s.getRecordsSuccess.inc();
        s.getRecordsRecords.inc(records);
        s.getRecordsBytes.inc(bytes);
        s.iteratorAge(iteratorAgeMillis);
        ShardMetrics shard = shard(cmd);
        if (shard != null) {
            shard.outgoingRecords.inc(records);
            shard.outgoingBytes.inc(bytes);
            shard.iteratorAge(iteratorAgeMillis);
        }
    }

    /** A read or GetShardIterator refused by the shard's budget. */
    public void readThrottled(ShardCommand cmd) {
        stream(cmd).readProvisionedThroughputExceeded.inc();
        ShardMetrics shard = shard(cmd);
        if (shard != null) {
            shard.readProvisionedThroughputExceeded.inc();
        }
    }

    /** A write refused as a whole by the shard's budget. */
    public void writeThrottled(ShardCommand cmd, boolean single, int records) {
        appended(cmd, single, 0, 0, records);
    }

    /** Registers or removes the shard's shard-level metrics as the command's stream has them enabled. */
    public void monitor(ShardCommand cmd) {
        shard(cmd);
    }

    /**
     * The shard's log is gone (its stream was deleted or the shard expired): stop reporting it, and its
     * stream's metrics once no shard of the stream is left on this subtask.
     */
    public void dropped(ShardCommand cmd) {
        ShardMetrics shard = shards.remove(cmd.shardKey());
        if (shard != null) {
            shard.close();
        }
        Set<String> keys = shardKeys.get(cmd.streamName());
        if (keys != null && keys.remove(cmd.shardKey()) && keys.isEmpty()) {
            shardKeys.remove(cmd.streamName());
            StreamMetrics stream = streams.remove(cmd.streamName());
            if (stream != null) {
                stream.close();
            }
        }
    }

    private StreamMetrics stream(ShardCommand cmd) {
        shardKeys.computeIfAbsent(cmd.streamName(), name -> new HashSet<>()).add(cmd.shardKey());
        return streams.computeIfAbsent(cmd.streamName(), name -> new StreamMetrics(root.addGroup("stream", name)));
    }

    /** The shard's metrics if enhanced monitoring is on for it, re-registered when the enabled set changed. */
    private ShardMetrics shard(ShardCommand cmd) {
        ShardMetrics current = shards.get(cmd.shardKey());
        if (current != null && current.mask == cmd.shardMetrics()) {
            return current;
        }
        if (current != null) {
            current.close();
            shards.remove(cmd.shardKey());
        }
        if (cmd.shardMetrics() == 0) {
            return null;
        }
        ShardMetrics created = new ShardMetrics(
                root.addGroup("stream", cmd.streamName()).addGroup("shard", ShardId.format(cmd.shardIndex())), cmd.shardMetrics());
        shards.put(cmd.shardKey(), created);
        return created;
    }
}
