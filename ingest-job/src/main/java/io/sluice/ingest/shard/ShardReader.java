package io.sluice.ingest.shard;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.http.ApiReply;
import io.sluice.common.http.CallRef;
import io.sluice.common.model.SequenceNumber;
import io.sluice.common.wire.ReplyWriter;
import io.sluice.ingest.IngestSettings;
import io.sluice.ingest.api.ShardPosition;
import io.sluice.ingest.api.Tokens;
import io.sluice.ingest.metrics.ShardLogMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;

/**
 * The read side of a shard log: GetShardIterator positions (trim horizon, latest, sequence numbers,
 * timestamps) and GetRecords answers from the shard's blocks. The trim horizon it finds is remembered
 * in the shard's head.
 */
final class ShardReader {

    private final IngestSettings settings;
    private final Tokens tokens;
    private final ShardStore store;
    private final ValueState<ShardHead> head;
    private final ShardLogMetrics metrics;

    ShardReader(IngestSettings settings, Tokens tokens, ShardStore store, ValueState<ShardHead> head, ShardLogMetrics metrics) {
        this.settings = settings;
        this.tokens = tokens;
        this.store = store;
        this.head = head;
        this.metrics = metrics;
    }

    /** GetShardIterator: the offset the iterator type names, in a signed iterator. */
    ApiReply openIterator(ShardCommand cmd, ShardOp.OpenIterator op, ShardHead h) throws Exception {
        long offset = switch (op.type()) {
            case TRIM_HORIZON -> firstRetained(h);
            case LATEST -> h.nextOffset();
            case AT_SEQUENCE_NUMBER -> sequenceOffset(cmd, op, h, 0);
            case AFTER_SEQUENCE_NUMBER -> sequenceOffset(cmd, op, h, 1);
            case AT_TIMESTAMP -> firstAtOrAfter(h, notInTheFuture(op.timestampMillis()));
        };
        String iterator = tokens.iterator(position(cmd, h.epoch(), Math.min(offset, h.nextOffset())));
        return ApiReply.ok(cmd.ref(), ReplyWriter.write(cmd.ref().format(), g -> g.writeStringField("ShardIterator", iterator)));
    }

    /**
     * The offset an AT_/AFTER_SEQUENCE_NUMBER iterator starts at. A number from an older epoch that a
     * later epoch rewrote resolves to that epoch's start (re-read, never skip).
     */
    private long sequenceOffset(ShardCommand cmd, ShardOp.OpenIterator op, ShardHead h, int after) {
        SequenceNumber seq = SequenceNumber.parse(op.sequenceNumber());
        if (seq == null || seq.streamTag() != cmd.streamTag() || seq.shardIndex() != cmd.shardIndex()
                || seq.epoch() > h.epoch() || (seq.epoch() == h.epoch() && seq.offset() > h.nextOffset())) {
            throw new InvalidArgumentException(
                    "StartingSequenceNumber " + op.sequenceNumber() + " used in GetShardIterator on shard " + op.shardId()
                            + " in stream " + cmd.streamName() + " under account " + settings.accountId()
                            + " is invalid because it did not come from this stream.");
        }
        return h.resolve(seq.epoch(), seq.offset() + after);
    }

    /**
     * GetRecords from an iterator's position: up to {@code limit} records and 10 MiB, their data written
     * straight from the blocks; {@code budget} (null when unlimited) is charged the bytes returned.
     */
    ApiReply read(ShardCommand cmd, ShardOp.Read op, ShardHead h, ShardBudget budget) throws Exception {
        // The trim offset is a cheap lower bound; an expired block on the way moves the read to the real one.
        long offset = Math.max(h.resolve(op.epoch(), op.offset()), h.trimOffset());
        long end = h.nextOffset();
        CallRef ref = cmd.ref();
        List<RecordSlice> batch = new ArrayList<>();
        long bytes = 0;
        long behindArrival = -1;
        reading:
        while (offset < end && batch.size() < op.limit()) {
            long start = store.blockStart(offset);
            byte[] block = store.block(start);
            if (block == null) {
                // Expired while we read: continue from the new trim horizon.
                offset = Math.max(offset + 1, firstRetained(head()));
                continue;
            }
            ShardBlock.Reader records = new ShardBlock.Reader(block);
            long before = offset;
            long at = start;
            while (records.next()) {
                if (at >= offset) {
                    if (batch.size() >= op.limit() || (!batch.isEmpty() && bytes + records.dataLength() > ShardLog.MAX_READ_BYTES)) {
                        behindArrival = records.arrivalMillis();
                        break reading;
                    }
                    bytes += records.dataLength();
                    batch.add(new RecordSlice(block, records.partitionKey(), records.dataOffset(), records.dataLength(),
                            records.arrivalMillis(), SequenceNumber.format(cmd.streamTag(), cmd.shardIndex(), records.epoch(), at)));
                    offset = at + 1;
                }
                at++;
            }
            if (offset == before) {
                // The block ends before the offset (it cannot while blocks and index agree): never read it again.
                offset = Math.max(offset + 1, firstRetained(head()));
            }
        }
        if (budget != null) {
            budget.read(bytes);
        }
        long now = System.currentTimeMillis();
        if (behindArrival < 0 && offset < end) {
            behindArrival = store.arrivalAt(offset);
        }
        long millisBehind = behindArrival < 0 ? 0 : Math.max(0, now - behindArrival);
        metrics.read(cmd, batch.size(), bytes, batch.isEmpty() ? 0 : Math.max(0, now - batch.get(batch.size() - 1).arrivalMillis()));
        // A closed shard read to its end has no next iterator; its children are where to go on.
        ShardOp.ShardEnd shardEnd = op.end() != null && offset >= end ? op.end() : null;
        String nextIterator = shardEnd == null ? tokens.iterator(position(cmd, h.epoch(), offset)) : null;
        // Data (base64 in JSON) plus about 150 bytes of names, sequence number, time and key per record.
        int expectedBytes = (int) Math.min(Integer.MAX_VALUE - 8, bytes * 4 / 3 + 150L * batch.size() + 512);
        return ApiReply.ok(ref, ReplyWriter.write(ref.format(), expectedBytes, g -> {
            g.writeArrayFieldStart("Records");
            for (RecordSlice r : batch) {
                g.writeStartObject();
                g.writeStringField("SequenceNumber", r.sequenceNumber());
                ReplyWriter.timestamp(g, "ApproximateArrivalTimestamp", r.arrivalMillis());
                g.writeFieldName("Data");
                g.writeBinary(r.block(), r.dataOffset(), r.dataLength());
                g.writeStringField("PartitionKey", r.partitionKey());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (shardEnd == null) {
                g.writeStringField("NextShardIterator", nextIterator);
            } else {
                childShards(g, shardEnd);
            }
            g.writeNumberField("MillisBehindLatest", millisBehind);
        }));
    }

    private static void childShards(JsonGenerator g, ShardOp.ShardEnd shardEnd) throws IOException {
        g.writeArrayFieldStart("ChildShards");
        for (ShardOp.ChildShard child : shardEnd.children()) {
            g.writeStartObject();
            g.writeStringField("ShardId", child.shardId());
            g.writeArrayFieldStart("ParentShards");
            for (String parent : child.parentShards()) {
                g.writeString(parent);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("HashKeyRange");
            g.writeStringField("StartingHashKey", child.startingHashKey());
            g.writeStringField("EndingHashKey", child.endingHashKey());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** A record on its way into a GetRecords answer: its data is a slice of the block it was read from. */
    private record RecordSlice(byte[] block, String partitionKey, int dataOffset, int dataLength, long arrivalMillis, String sequenceNumber) {}

    private ShardPosition position(ShardCommand cmd, int epoch, long offset) {
        return new ShardPosition(cmd.streamName(), cmd.generation(), cmd.shardIndex(), epoch, offset, System.currentTimeMillis());
    }

    /** The lowest retained offset (records expire in offset order); remembers it in the head. */
    private long firstRetained(ShardHead h) throws Exception {
        long lo = h.trimOffset();
        long hi = h.nextOffset();
        if (lo >= hi || store.retained(lo)) {
            return lo;
        }
        // Invariant: offsets below lo+1 are gone; find the first present one in (lo, hi].
        long left = lo + 1;
        long right = hi;
        while (left < right) {
            long mid = left + (right - left) / 2;
            if (store.retained(mid)) {
                right = mid;
            } else {
                left = mid + 1;
            }
        }
        head.update(head().trimmedTo(left));
        return left;
    }

    private static long notInTheFuture(long timestampMillis) {
        long now = System.currentTimeMillis();
        if (timestampMillis > now) {
            throw new InvalidArgumentException("The timestampInMillis parameter cannot be greater than the currentTimestampInMillis."
                    + " timestampInMillis: " + timestampMillis + ", currentTimestampInMillis: " + now);
        }
        return timestampMillis;
    }

    /** The first retained offset whose record arrived at or after the timestamp. */
    private long firstAtOrAfter(ShardHead h, long timestampMillis) throws Exception {
        long left = firstRetained(h);
        long right = h.nextOffset();
        while (left < right) {
            long mid = left + (right - left) / 2;
            long arrival = store.arrivalAt(mid);
            if (arrival < 0 || arrival < timestampMillis) {
                left = mid + 1;
            } else {
                right = mid;
            }
        }
        return left;
    }

    private ShardHead head() throws Exception {
        ShardHead h = head.value();
        return h == null ? ShardHead.EMPTY : h;
    }
}
