package io.sluice.common.connector.source;

/** A split being read: the last (sub-)record emitted from it, updated as records are emitted. */
final class ShardSplitState {

    private final ShardSplit split;
    private String lastSequenceNumber;
    private long lastSubSequence;

    ShardSplitState(ShardSplit split) {
        this.split = split;
        this.lastSequenceNumber = split.lastSequenceNumber();
        this.lastSubSequence = split.lastSubSequence();
    }

    ShardSplit split() {
        return split;
    }

    /**
     * Whether this user record was emitted before (a restored split re-reads the last record it had
     * emitted, to resume inside a KPL aggregate, and skips what it already emitted).
     */
    boolean emitted(String sequenceNumber, long subSequence) {
        return sequenceNumber.equals(lastSequenceNumber) && subSequence <= lastSubSequence;
    }

    void emit(String sequenceNumber, long subSequence) {
        lastSequenceNumber = sequenceNumber;
        lastSubSequence = subSequence;
    }

    ShardSplit toSplit() {
        return split.after(lastSequenceNumber, lastSubSequence);
    }
}
