package io.sluice.common.kpl;

/**
 * One user record of a Kinesis record: the record itself, or one of the records a KPL aggregate holds
 * ({@code subSequence} is its position in the aggregate, 0 for a plain record). {@code explicitHashKey}
 * is a decimal string or null.
 */
public record UserRecord(String partitionKey, String explicitHashKey, byte[] data, int subSequence) {}
