package io.sluice.ingest.catalog;

import io.sluice.common.model.SequenceNumber;
import io.sluice.ingest.api.StreamMode;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the catalog knows of one stream: its incarnation ({@code generation} counts the creations of
 * this name, so a re-created stream never sees the old one's records or iterators), status, mode,
 * retention, shard map and tags.
 */
public record StreamMetadata(
        String name,
        long generation,
        StreamStatus status,
        StreamMode mode,
        long createdAtMillis,
        int retentionHours,
        List<ShardMetadata> shards,
        SortedMap<String, String> tags) {

    public StreamMetadata {
        // State written before tags existed has none.
        tags = Collections.unmodifiableSortedMap(tags == null ? new TreeMap<>() : new TreeMap<>(tags));
    }

    public StreamMetadata withStatus(StreamStatus newStatus) {
        return new StreamMetadata(name, generation, newStatus, mode, createdAtMillis, retentionHours, shards, tags);
    }

    public StreamMetadata withRetentionHours(int hours) {
        return new StreamMetadata(name, generation, status, mode, createdAtMillis, hours, shards, tags);
    }

    public StreamMetadata withMode(StreamMode newMode) {
        return new StreamMetadata(name, generation, status, newMode, createdAtMillis, retentionHours, shards, tags);
    }

    public StreamMetadata withTags(SortedMap<String, String> newTags) {
        return new StreamMetadata(name, generation, status, mode, createdAtMillis, retentionHours, shards, newTags);
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
