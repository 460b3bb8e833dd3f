package io.sluice.common.connector.source;

import java.io.Serializable;

/**
 * The watermark a shard may take when GetRecords finds it caught up, for a source whose event time is the
 * records' arrival time. Sluice assigns arrival times when it appends to a shard, never earlier than the shard's
 * last one nor than the shard log's clock, and answers GetRecords from the same shard log: so an empty answer with
 * {@code MillisBehindLatest} 0 to a call sent at {@code t} (Sluice's clock, the reader's clock on one host or under
 * NTP) means that no record of that shard will ever arrive before {@code t}. The shard's watermark then moves with
 * the clock while nothing arrives, as Kinesis Data Analytics' ROWTIME windows close with no further rows.
 */
@FunctionalInterface
public interface CaughtUpWatermark extends Serializable {

    /** The watermark once no record can arrive before {@code arrivalMillis}; {@code Long.MIN_VALUE} for none. */
    long watermarkAt(long arrivalMillis);
}
