package io.sluice.common.connector.source;

/**
 * A Kinesis record as GetRecords returned it, on its way from the fetcher thread to the emitter; or,
 * with no sequence number, the {@link #firstAnswer} of a shard (split) that had no records yet.
 */
record FetchedRecord(String splitId, String sequenceNumber, String partitionKey, byte[] data, long arrivalMillis) {

    /**
     * Marks a shard's first GetRecords answer when it held no records. The reader opens a shard's
     * output (its own watermark generator) at the shard's first element, so this makes a shard that
     * has nothing yet hold back the reader's watermark from then on, until it has a record or its
     * idleness timeout passes; the emitter emits nothing for it (it counts once in numRecordsIn).
     */
    static FetchedRecord firstAnswer(String splitId) {
        return new FetchedRecord(splitId, null, null, null, 0);
    }

    boolean isFirstAnswer() {
        return sequenceNumber == null;
    }
}
