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
        Copy c = new Copy(this);
        c.status = newStatus;
        return c.build();
    }

    public StreamMetadata withRetentionHours(int hours) {
        Copy c = new Copy(this);
        c.retentionHours = hours;
        return c.build();
    }

    /** In another capacity mode; {@code switches} are the times of the mode switches that count against AWS's daily limit. */
    public StreamMetadata withMode(StreamMode newMode, List<Long> switches) {
        Copy c = new Copy(this);
        c.mode = newMode;
        c.modeSwitchMillis = switches;
        return c.build();
    }

    public StreamMetadata withTags(SortedMap<String, String> newTags) {
        Copy c = new Copy(this);
        c.tags = newTags;
        return c.build();
    }

    /** After a reshard: the new shard map, in status {@code newStatus}. */
    public StreamMetadata withShards(List<ShardMetadata> newShards, StreamStatus newStatus) {
        Copy c = new Copy(this);
        c.shards = newShards;
        c.status = newStatus;
        return c.build();
    }

    /** With the times of the UpdateShardCount calls that still count against the daily limit. */
    public StreamMetadata withScalingMillis(List<Long> times) {
        Copy c = new Copy(this);
        c.scalingMillis = times;
        return c.build();
    }

    /** With enhanced monitoring of exactly these shard-level metrics. */
    public StreamMetadata withShardLevelMetrics(Set<ShardLevelMetric> metrics) {
        Copy c = new Copy(this);
        c.shardLevelMetrics = metrics;
        return c.build();
    }

    /** A copy of a stream's metadata being changed by one of the {@code with} methods. */
    private static final class Copy {
        private final String name;
        private final long generation;
        private StreamStatus status;
        private StreamMode mode;
        private final long createdAtMillis;
        private int retentionHours;
        private List<ShardMetadata> shards;
        private SortedMap<String, String> tags;
        private List<Long> scalingMillis;
        private Set<ShardLevelMetric> shardLevelMetrics;
        private List<Long> modeSwitchMillis;

        Copy(StreamMetadata s) {
            name = s.name;
            generation = s.generation;
            status = s.status;
            mode = s.mode;
            createdAtMillis = s.createdAtMillis;
            retentionHours = s.retentionHours;
            shards = s.shards;
            tags = s.tags;
            scalingMillis = s.scalingMillis;
            shardLevelMetrics = s.shardLevelMetrics;
            modeSwitchMillis = s.modeSwitchMillis;
        }

        StreamMetadata build() {
            return new StreamMetadata(name, generation, status, mode, createdAtMillis, retentionHours, shards, tags, scalingMillis,
                    shardLevelMetrics, modeSwitchMillis);
        }
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
