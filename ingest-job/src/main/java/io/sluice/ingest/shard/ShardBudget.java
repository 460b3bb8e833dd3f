package io.sluice.ingest.shard;

import io.sluice.common.model.Utf8;
import io.sluice.common.quota.TokenBucket;
import io.sluice.ingest.api.PutEntry;

/**
 * One shard's throughput budget under {@link ShardLimits}: token buckets refilled continuously, each
 * holding at most one second of its limit, so a shard absorbs a one-second burst and then its rate.
 * Reads are admitted while the byte budget is not in debt and pay for what they returned afterwards
 * (a 10 MiB answer at 2 MiB/s keeps the shard's readers waiting about five seconds, as in AWS).
 */
final class ShardBudget {

    private final TokenBucket writeBytes;
    private final TokenBucket writeRecords;
    private final TokenBucket readBytes;
    private final TokenBucket readCalls;
    private final TokenBucket iteratorCalls;

    ShardBudget(ShardLimits limits, long nowMillis) {
        this.writeBytes = new TokenBucket(limits.writeBytesPerSecond(), nowMillis);
        this.writeRecords = new TokenBucket(limits.writeRecordsPerSecond(), nowMillis);
        this.readBytes = new TokenBucket(limits.readBytesPerSecond(), nowMillis);
        this.readCalls = new TokenBucket(limits.readCallsPerSecond(), nowMillis);
        this.iteratorCalls = new TokenBucket(limits.readCallsPerSecond(), nowMillis);
    }

    /** Takes one record of {@code bytes} (data and partition key) from the write budget, if both buckets allow. */
    boolean tryWrite(long nowMillis, long bytes) {
        if (!writeRecords.has(nowMillis, 1) || !writeBytes.has(nowMillis, bytes)) {
            return false;
        }
        writeRecords.charge(1);
        writeBytes.charge(bytes);
        return true;
    }

    /** Admits a GetRecords call, if the shard has a call left and owes no read bytes. */
    boolean tryRead(long nowMillis) {
        if (!readBytes.solvent(nowMillis)) {
            return false;
        }
        return readCalls.tryTake(nowMillis, 1);
    }

    /** Charges the bytes an admitted GetRecords returned. */
    void read(long bytes) {
        readBytes.charge(bytes);
    }

    /** Admits a GetShardIterator call (its own budget of calls per second). */
    boolean tryOpenIterator(long nowMillis) {
        return iteratorCalls.tryTake(nowMillis, 1);
    }

    /** What a record costs the write budget: its data and its partition key's UTF-8 bytes. */
    static long recordBytes(PutEntry entry) {
        return (long) entry.data().length + Utf8.length(entry.partitionKey());
    }
}
