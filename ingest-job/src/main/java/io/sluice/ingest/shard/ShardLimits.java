package io.sluice.ingest.shard;

import io.sluice.ingest.IngestOptions;
import java.io.Serializable;
import org.apache.flink.configuration.Configuration;

/**
 * The per-shard throughput limits of PROVISIONED streams (AWS: writes 1 MiB/s and 1,000 records/s;
 * reads 2 MiB/s and 5 calls/s), and whether they are enforced at all.
 */
public record ShardLimits(
        boolean enforced, long writeBytesPerSecond, int writeRecordsPerSecond, long readBytesPerSecond, int readCallsPerSecond)
        implements Serializable {

    /** AWS's limits, enforced. */
    public static final ShardLimits AWS = new ShardLimits(true, 1 << 20, 1000, 2 << 20, 5);

    public static ShardLimits from(Configuration conf) {
        return new ShardLimits(
                conf.get(IngestOptions.THROTTLING),
                conf.get(IngestOptions.SHARD_WRITE_BYTES).getBytes(),
                conf.get(IngestOptions.SHARD_WRITE_RECORDS),
                conf.get(IngestOptions.SHARD_READ_BYTES).getBytes(),
                conf.get(IngestOptions.SHARD_READ_CALLS));
    }
}
