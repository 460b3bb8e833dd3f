package io.sluice.ingest.api;

/** Where a shard iterator starts. */
public enum IteratorType {
    AT_SEQUENCE_NUMBER,
    AFTER_SEQUENCE_NUMBER,
    TRIM_HORIZON,
    LATEST,
    AT_TIMESTAMP
}
