package io.sluice.common.connector.source;

import java.io.Serializable;
import java.time.Instant;

/** Where a source starts reading the shards it finds first: their newest end, their oldest record, or a time. */
public record StartingPosition(Kind kind, long timestampMillis) implements Serializable {

    /** The kinds of starting position, named as Kinesis names iterator types. */
    public enum Kind {
        LATEST,
        TRIM_HORIZON,
        AT_TIMESTAMP
    }

    public static StartingPosition latest() {
        return new StartingPosition(Kind.LATEST, 0);
    }

    public static StartingPosition trimHorizon() {
        return new StartingPosition(Kind.TRIM_HORIZON, 0);
    }

    public static StartingPosition atTimestamp(Instant time) {
        return new StartingPosition(Kind.AT_TIMESTAMP, time.toEpochMilli());
    }
}
