package io.sluice.ingest.api;

/** Kinesis capacity modes. */
public enum StreamMode {
    PROVISIONED,
    ON_DEMAND
}
