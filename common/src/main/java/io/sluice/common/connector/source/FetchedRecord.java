package io.sluice.common.connector.source;

/** A Kinesis record as GetRecords returned it, on its way from the fetcher thread to the emitter. */
record FetchedRecord(String splitId, String sequenceNumber, String partitionKey, byte[] data, long arrivalMillis) {}
