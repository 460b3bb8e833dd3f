package io.sluice.ingest.catalog;

import io.sluice.common.model.SequenceNumber;
import io.sluice.ingest.api.ShardLevelMetric;
import io.sluice.ingest.api.StreamMode;
import java.math.BigInteger;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the catalog knows of one stream: its incarnation ({@code generation} counts the creations of
 * this name, so a re-created stream never sees the old one's records or iterators), status, mode,
 * retention, shard map (open shards and the closed ones a reshard left, until their records expire),
 * tags, when UpdateShardCount last ran (AWS allows ten in a rolling day), the shard-level metrics
 * that enhanced monitoring publishes, and when the capacity mode last changed (two a day).
 */
public record StreamMetadata(
        String name,
        long generation,
        StreamStatus status,
        StreamMode mode,
        long createdAtMillis,
        int retentionHours,
        List<ShardMetadata> shards,
        SortedMap<String, String> tags,
        List<Long> scalingMillis,
        Set<ShardLevelMetric> shardLevelMetrics,
        List<Long> modeSwitchMillis) {

    public StreamMetadata {
        // State written before tags or resharding existed has none.
        tags = Collections.unmodifiableSortedMap(tags == null ? new TreeMap<>() : new TreeMap<>(tags));
        scalingMillis = scalingMillis == null ? List.of() : List.copyOf(scalingMillis);
        modeSwitchMillis = modeSwitchMillis == null ? List.of() : List.copyOf(modeSwitchMillis);
        shardLevelMetrics = shardLevelMetrics == null || shardLevelMetrics.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(ShardLevelMetric.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(shardLevelMetrics));
    }

    public StreamMetadata withStatus(StreamStatus newStatus) {
        return new StreamMetadata(name, generation, newStatus, mode, createdAtMillis, retentionHours, shards, tags, scalingMillis, shardLevelMetrics, modeSwitchMillis);
    }

    public StreamMetadata withRetentionHours(int hours) {
        return new StreamMetadata(name, generation, status, mode, createdAtMillis, hours, shards, tags, scalingMillis, shardLevelMetrics, modeSwitchMillis);
    }

    /** In another capacity mode; {@code switches} are the times of the mode switches that count against AWS's daily limit. */
    public StreamMetadata withMode(StreamMode newMode, List<Long> switches) {
        return new StreamMetadata(name, generation, status, newMode, createdAtMillis, retentionHours, shards, tags, scalingMillis, shardLevelMetrics,
                switches);
    }

    public StreamMetadata withTags(SortedMap<String, String> newTags) {
        return new StreamMetadata(name, generation, status, mode, createdAtMillis, retentionHours, shards, newTags, scalingMillis, shardLevelMetrics, modeSwitchMillis);
    }

    /** After a reshard: the new shard map, in status {@code newStatus}. */
    public StreamMetadata withShards(List<ShardMetadata> newShards, StreamStatus newStatus) {
        return new StreamMetadata(name, generation, newStatus, mode, createdAtMillis, retentionHours, newShards, tags, scalingMillis, shardLevelMetrics, modeSwitchMillis);
    }

    /** With the times of the UpdateShardCount calls that still count against the daily limit. */
    public StreamMetadata withScalingMillis(List<Long> times) {
        return new StreamMetadata(name, generation, status, mode, createdAtMillis, retentionHours, shards, tags, times, shardLevelMetrics, modeSwitchMillis);
    }

    /** With enhanced monitoring of exactly these shard-level metrics. */
    public StreamMetadata withShardLevelMetrics(Set<ShardLevelMetric> metrics) {
        return new StreamMetadata(name, generation, status, mode, createdAtMillis, retentionHours, shards, tags, scalingMillis, metrics, modeSwitchMillis);
    }

    /** The enabled shard-level metrics as a mask of {@link ShardLevelMetric#bit()}s. */
    public int shardMetricsMask() {
        int mask = 0;
        for (ShardLevelMetric m : shardLevelMetrics) {
            mask |= m.bit();
        }
        return mask;
    }

    /** When the last reshard opened shards (the creation time if none did). */
    public long lastReshardMillis() {
        long last = createdAtMillis;
        for (ShardMetadata s : shards) {
            last = Math.max(last, s.openedAtMillis());
        }
        return last;
    }

    /** The tag that sequence numbers of this incarnation carry. */
    public long streamTag() {
        return SequenceNumber.streamTag(name, generation);
    }

    /** The key of a shard's log in the ShardLog operator. */
    public String shardKey(int shardIndex) {
        return name + "/" + generation + "/" + shardIndex;
    }

    public String startingSequenceNumber(int shardIndex) {
        return SequenceNumber.format(streamTag(), shardIndex, 0, 0);
    }

    /**
     * The EndingSequenceNumber of a closed shard: the last number the shard could have given (highest
     * epoch and offset), so every record of the shard is at or below it and every child starts above it.
     */
    public String endingSequenceNumber(int shardIndex) {
        return SequenceNumber.format(streamTag(), shardIndex, SequenceNumber.MAX_EPOCH, Long.MAX_VALUE);
    }

    /** The shard with that index, or {@code null}. */
    public ShardMetadata shard(int index) {
        for (ShardMetadata s : shards) {
            if (s.index() == index) {
                return s;
            }
        }
        return null;
    }

    /** The open shard whose hash-key range holds the key (open ranges cover the whole key space). */
    public ShardMetadata route(BigInteger hashKey) {
        for (ShardMetadata s : shards) {
            if (s.isOpen() && s.contains(hashKey)) {
                return s;
            }
        }
        throw new IllegalStateException("No open shard of " + name + " holds hash key " + hashKey);
    }

    public int openShardCount() {
        int n = 0;
        for (ShardMetadata s : shards) {
            n += s.isOpen() ? 1 : 0;
        }
        return n;
    }
}
