package io.sluice.ingest.catalog;

/** Kinesis stream statuses. */
public enum StreamStatus {
    CREATING,
    DELETING,
    ACTIVE,
    UPDATING
}
