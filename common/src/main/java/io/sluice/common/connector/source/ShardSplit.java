package io.sluice.common.connector.source;

import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One shard, read for one {@link StreamSubscription} ({@code subscription}, empty for a single-stream source), as a
 * source split: where to start when nothing of it has been read, and the last record emitted from it
 * ({@code lastSequenceNumber} and, for a KPL aggregate, the last user record's {@code lastSubSequence}); null when
 * nothing was emitted yet. A restored split resumes right after that record, so nothing is skipped or emitted twice.
 * A {@code finished} split was read to its end; a restored one is only reported to the enumerator again.
 */
public record ShardSplit(
        String streamName,
        String shardId,
        List<String> parentShardIds,
        StartingPosition start,
        String lastSequenceNumber,
        long lastSubSequence,
        boolean finished,
        String subscription) implements SourceSplit {

    public ShardSplit {
        parentShardIds = List.copyOf(parentShardIds);
    }

    /** A split of a single-stream source (the empty subscription). */
    public ShardSplit(String streamName, String shardId, List<String> parentShardIds, StartingPosition start, String lastSequenceNumber,
            long lastSubSequence, boolean finished) {
        this(streamName, shardId, parentShardIds, start, lastSequenceNumber, lastSubSequence, finished, "");
    }

    /** The shard id for a single-stream source (as before subscriptions), else {@code subscription/shardId}. */
    @Override
    public String splitId() {
        return StreamSubscription.splitId(subscription, shardId);
    }

    /** This split after emitting the record {@code sequenceNumber} (user record {@code subSequence} of it). */
    public ShardSplit after(String sequenceNumber, long subSequence) {
        return new ShardSplit(streamName, shardId, parentShardIds, start, sequenceNumber, subSequence, finished, subscription);
    }

    /** This split read to its end (kept in reader checkpoints until the enumerator surely knows). */
    public ShardSplit asFinished() {
        return new ShardSplit(streamName, shardId, parentShardIds, start, lastSequenceNumber, lastSubSequence, true, subscription);
    }
}
