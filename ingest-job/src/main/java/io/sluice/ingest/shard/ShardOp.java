package io.sluice.ingest.shard;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sluice.ingest.api.IteratorType;
import io.sluice.ingest.api.PutEntry;
import java.util.List;

/** What the catalog asks of one shard's log. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@op")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ShardOp.Append.class, name = "Append"),
    @JsonSubTypes.Type(value = ShardOp.OpenIterator.class, name = "OpenIterator"),
    @JsonSubTypes.Type(value = ShardOp.Read.class, name = "Read"),
    @JsonSubTypes.Type(value = ShardOp.Drop.class, name = "Drop"),
    @JsonSubTypes.Type(value = ShardOp.Refresh.class, name = "Refresh")
})
public sealed interface ShardOp {

    /**
     * Append records. {@code single} answers as PutRecord; otherwise the answer is one of
     * {@code partCount} parts of a PutRecords answer over {@code recordCount} records.
     */
    record Append(boolean single, int partCount, int recordCount, List<PutEntry> entries) implements ShardOp {}

    /** Resolve a GetShardIterator position. */
    record OpenIterator(String shardId, IteratorType type, String sequenceNumber, Long timestampMillis) implements ShardOp {}

    /**
     * Read records from an offset of an iterator issued in {@code epoch} (GetRecords). {@code end} is
     * set when a reshard has closed the shard: no record follows the ones it has, and a read that
     * reaches them ends the shard and names its children.
     */
    record Read(int epoch, long offset, int limit, ShardEnd end) implements ShardOp {}

    /** The end of a closed shard: its children, as GetRecords lists them in ChildShards. */
    record ShardEnd(List<ChildShard> children) {}

    /** One child of a closed shard: its id, all its parents' ids, and its hash-key range. */
    record ChildShard(String shardId, List<String> parentShards, String startingHashKey, String endingHashKey) {}

    /** Forget the shard (its stream was deleted); answers nothing. */
    record Drop() implements ShardOp {}

    /** Apply the command's stream settings now (its retention or enhanced monitoring changed); answers nothing. */
    record Refresh() implements ShardOp {}
}
