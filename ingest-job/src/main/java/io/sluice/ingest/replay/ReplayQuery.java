package io.sluice.ingest.replay;

import io.sluice.common.model.SequenceNumber;
import io.sluice.common.model.ShardId;
import java.io.Serializable;
import java.util.List;

/**
 * What to replay: a stream, optionally some of its shards (ids as Kinesis writes them; empty: all), an inclusive range
 * (each end an arrival time or a sequence number, null: open), and whether to de-aggregate KPL records. Built with
 * {@link #of} and the {@code with} methods; {@link #validated} rejects what can never match a record.
 */
public record ReplayQuery(String stream, List<String> shardIds, ReplayBound start, ReplayBound end, boolean deaggregate)
        implements Serializable {

    public ReplayQuery {
        shardIds = List.copyOf(shardIds);
    }

    public static ReplayQuery of(String stream) {
        return new ReplayQuery(stream, List.of(), null, null, false);
    }

    public ReplayQuery withShards(List<String> ids) {
        return new ReplayQuery(stream, ids, start, end, deaggregate);
    }

    public ReplayQuery withRange(ReplayBound from, ReplayBound to) {
        return new ReplayQuery(stream, shardIds, from, to, deaggregate);
    }

    public ReplayQuery withDeaggregation(boolean on) {
        return new ReplayQuery(stream, shardIds, start, end, on);
    }

    /**
     * This query, checked: shard ids well formed, a sequence-number bound naming the selected shard (it gives the shard
     * when none is selected), and a range that is not empty on its face (start after end).
     */
    public ReplayQuery validated() throws ReplayException {
        if (stream == null || stream.isBlank()) {
            throw new ReplayException("--stream is required: the name of the stream to replay");
        }
        for (String id : shardIds) {
            if (ShardId.parse(id) < 0) {
                throw new ReplayException("--shards: " + id + " is not a shard id (shardId-000000000000)");
            }
        }
        List<String> shards = shardIds;
        for (ReplayBound bound : new ReplayBound[] {start, end}) {
            if (bound == null || bound.isTime()) {
                continue;
            }
            String shard = ShardId.format(bound.parsedSequence().shardIndex());
            if (shards.isEmpty()) {
                shards = List.of(shard);
            } else if (shards.size() != 1 || ShardId.parse(shards.get(0)) != bound.parsedSequence().shardIndex()) {
                throw new ReplayException("Sequence number " + bound.sequenceNumber() + " belongs to " + shard
                        + ": a range bounded by a sequence number replays that one shard (--shards=" + shard + ")");
            }
        }
        if (start != null && end != null && start.isTime() == end.isTime()) {
            boolean empty = start.isTime()
                    ? start.timeMillis() > end.timeMillis()
                    : compare(start.parsedSequence(), end.parsedSequence()) > 0;
            if (empty) {
                throw new ReplayException("The range is empty: --start=" + start + " is after --end=" + end);
            }
        }
        return new ReplayQuery(stream, shards, start, end, deaggregate);
    }

    private static int compare(SequenceNumber a, SequenceNumber b) {
        int byEpoch = Integer.compare(a.epoch(), b.epoch());
        return byEpoch != 0 ? byEpoch : Long.compare(a.offset(), b.offset());
    }
}
