package io.sluice.common.connector.source;

/**
 * A Kinesis record as GetRecords returned it, on its way from the fetcher thread to the emitter; or, with no
 * sequence number, a marker: the {@link #firstAnswer} of a shard (split) that had no records yet, or a shard
 * {@link #caughtUp} at a time.
 */
record FetchedRecord(String splitId, String sequenceNumber, String partitionKey, byte[] data, long arrivalMillis) {

    /**
     * Marks a shard's first GetRecords answer when it held no records. The reader opens a shard's
     * output (its own watermark generator) at the shard's first element, so this makes a shard that
     * has nothing yet hold back the reader's watermark from then on, until it has a record or its
     * idleness timeout passes; the emitter emits nothing for it (it counts once in numRecordsIn).
     */
    static FetchedRecord firstAnswer(String splitId) {
        return new FetchedRecord(splitId, null, null, null, Long.MIN_VALUE);
    }

    /**
     * Marks an empty GetRecords answer at the shard's tip ({@code MillisBehindLatest} 0) to a call sent at
     * {@code sentMillis}: no record of the shard arrives before then (see {@link CaughtUpWatermark}). It opens
     * the shard's output as a {@link #firstAnswer} does.
     */
    static FetchedRecord caughtUp(String splitId, long sentMillis) {
        return new FetchedRecord(splitId, null, null, null, sentMillis);
    }

    /** A marker, not a record: a {@link #firstAnswer} or {@link #caughtUp}. */
    boolean isMarker() {
        return sequenceNumber == null;
    }

    boolean isCaughtUp() {
        return isMarker() && arrivalMillis != Long.MIN_VALUE;
    }
}
