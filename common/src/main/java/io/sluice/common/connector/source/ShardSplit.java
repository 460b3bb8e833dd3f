package io.sluice.common.connector.source;

import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One shard as a source split: where to start when nothing of it has been read, and the last record
 * emitted from it ({@code lastSequenceNumber} and, for a KPL aggregate, the last user record's
 * {@code lastSubSequence}); null when nothing was emitted yet. A restored split resumes right after
 * that record, so nothing is skipped or emitted twice. A {@code finished} split was read to its end;
 * a restored one is only reported to the enumerator again.
 */
public record ShardSplit(
        String streamName,
        String shardId,
        List<String> parentShardIds,
        StartingPosition start,
        String lastSequenceNumber,
        long lastSubSequence,
        boolean finished) implements SourceSplit {

    public ShardSplit {
        parentShardIds = List.copyOf(parentShardIds);
    }

    @Override
    public String splitId() {
        return shardId;
    }

    /** This split after emitting the record {@code sequenceNumber} (user record {@code subSequence} of it). */
    public ShardSplit after(String sequenceNumber, long subSequence) {
        return new ShardSplit(streamName, shardId, parentShardIds, start, sequenceNumber, subSequence, finished);
    }

    /** This split read to its end (kept in reader checkpoints until the enumerator surely knows). */
    public ShardSplit asFinished() {
        return new ShardSplit(streamName, shardId, parentShardIds, start, lastSequenceNumber, lastSubSequence, true);
    }
}
