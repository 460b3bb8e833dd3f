package io.sluice.ingest.shard;

import io.sluice.common.model.Utf8;
import io.sluice.ingest.api.PutEntry;

/**
 * One shard's throughput budget under {@link ShardLimits}: token buckets refilled continuously, each
 * holding at most one second of its limit, so a shard absorbs a one-second burst and then its rate.
 * Reads are admitted while the byte budget is not in debt and pay for what they returned afterwards
 * (a 10 MiB answer at 2 MiB/s keeps the shard's readers waiting about five seconds, as in AWS).
 */
final class ShardBudget {

    private final ShardLimits limits;
    private double writeBytes;
    private double writeRecords;
    private double readBytes;
    private double readCalls;
    private double iteratorCalls;
    private long refilledAt;

    ShardBudget(ShardLimits limits, long nowMillis) {
        this.limits = limits;
        this.writeBytes = limits.writeBytesPerSecond();
        this.writeRecords = limits.writeRecordsPerSecond();
        this.readBytes = limits.readBytesPerSecond();
        this.readCalls = limits.readCallsPerSecond();
        this.iteratorCalls = limits.readCallsPerSecond();
        this.refilledAt = nowMillis;
    }

    /** Takes one record of {@code bytes} (data and partition key) from the write budget, if both buckets allow. */
    boolean tryWrite(long nowMillis, long bytes) {
        refill(nowMillis);
        if (writeRecords < 1 || writeBytes < bytes) {
            return false;
        }
        writeRecords -= 1;
        writeBytes -= bytes;
        return true;
    }

    /** Admits a GetRecords call, if the shard has a call left and owes no read bytes. */
    boolean tryRead(long nowMillis) {
        refill(nowMillis);
        if (readCalls < 1 || readBytes < 0) {
            return false;
        }
        readCalls -= 1;
        return true;
    }

    /** Charges the bytes an admitted GetRecords returned. */
    void read(long bytes) {
        readBytes -= bytes;
    }

    /** Admits a GetShardIterator call (its own budget of calls per second). */
    boolean tryOpenIterator(long nowMillis) {
        refill(nowMillis);
        if (iteratorCalls < 1) {
            return false;
        }
        iteratorCalls -= 1;
        return true;
    }

    /** What a record costs the write budget: its data and its partition key's UTF-8 bytes. */
    static long recordBytes(PutEntry entry) {
        return (long) entry.data().length + Utf8.length(entry.partitionKey());
    }

    private void refill(long nowMillis) {
        long elapsed = nowMillis - refilledAt;
        if (elapsed <= 0) {
            return;
        }
        refilledAt = nowMillis;
        double seconds = elapsed / 1000.0;
        writeBytes = Math.min(limits.writeBytesPerSecond(), writeBytes + seconds * limits.writeBytesPerSecond());
        writeRecords = Math.min(limits.writeRecordsPerSecond(), writeRecords + seconds * limits.writeRecordsPerSecond());
        readBytes = Math.min(limits.readBytesPerSecond(), readBytes + seconds * limits.readBytesPerSecond());
        readCalls = Math.min(limits.readCallsPerSecond(), readCalls + seconds * limits.readCallsPerSecond());
        iteratorCalls = Math.min(limits.readCallsPerSecond(), iteratorCalls + seconds * limits.readCallsPerSecond());
    }
}
