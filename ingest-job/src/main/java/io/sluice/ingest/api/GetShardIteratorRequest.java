package io.sluice.ingest.api;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;

/** GetShardIterator. */
public record GetShardIteratorRequest(
        String streamName, String shardId, IteratorType type, String startingSequenceNumber, Long timestampMillis)
        implements StreamRequest {

    static GetShardIteratorRequest read(RequestReader r, RequestContext context) {
        Violations v = new Violations();
        String name = Checks.stream(r, v, context);
        String shardId = Checks.shardId(r, v, "ShardId", "shardId");
        String typeName = r.string("ShardIteratorType");
        if (typeName == null) {
            v.required("shardIteratorType");
        }
        IteratorType type = Checks.enumValue(v, typeName, "shardIteratorType", IteratorType.class);
        String sequence = r.string("StartingSequenceNumber");
        Checks.pattern(v, sequence, "startingSequenceNumber", Checks.SEQUENCE_NUMBER);
        Long timestamp = r.timestampMillis("Timestamp");
        v.throwIfAny();
        boolean needsSequence = type == IteratorType.AT_SEQUENCE_NUMBER || type == IteratorType.AFTER_SEQUENCE_NUMBER;
        if (needsSequence && sequence == null) {
            throw new InvalidArgumentException("StartingSequenceNumber is required for ShardIteratorType " + type + ".");
        }
        if (!needsSequence && sequence != null) {
            throw new InvalidArgumentException("StartingSequenceNumber is only allowed with AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER.");
        }
        if (type == IteratorType.AT_TIMESTAMP && timestamp == null) {
            throw new InvalidArgumentException("Timestamp is required for ShardIteratorType AT_TIMESTAMP.");
        }
        if (type != IteratorType.AT_TIMESTAMP && timestamp != null) {
            throw new InvalidArgumentException("Timestamp is only allowed with ShardIteratorType AT_TIMESTAMP.");
        }
        return new GetShardIteratorRequest(name, shardId, type, sequence, timestamp);
    }
}
