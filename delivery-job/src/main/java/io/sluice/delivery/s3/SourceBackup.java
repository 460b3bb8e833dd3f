package io.sluice.delivery.s3;

import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.buffer.BufferedBatch;
import io.sluice.delivery.catalog.DeliveryStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The backup of a flush's source records, as they arrived (before any processor), as one object of a backup
 * bucket: an S3 destination's {@code S3BackupConfiguration} ({@code S3BackupMode Enabled}) or an HTTP endpoint
 * destination's {@code S3Configuration} ({@code S3BackupMode AllData}). Its key follows the backup's own
 * {@code Prefix} with AWS's object name ({@code <stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid>}, the time of the
 * oldest record), its compression the backup's {@code CompressionFormat}; records are concatenated as they came.
 */
public final class SourceBackup {

    private SourceBackup() {}

    /** Writes the backup object; returns it (not yet visible), or {@code null} when the flush holds no record. */
    public static PendingObject write(BucketStore store, DeliveryStream stream, S3Destination backup, S3Delivery.Flush flush,
            RandomGenerator random, int deflateLevel) throws IOException {
        KeyContext keys = new KeyContext(backup.prefix(), backup.errorOutputPrefix(), backup.zone(), stream.name(),
                stream.versionId(), Instant.ofEpochMilli(flush.oldestArrivalMillis()), UUID.randomUUID().toString(),
                backup.extension(), Map.of(), Map.of(), false, random);
        StagedObject object = new StagedObject(store, stream.name(), backup.bucket(), backup.compressionFormat(),
                () -> ObjectKeys.dataKey(keys), deflateLevel);
        try {
            for (BufferedBatch batch : flush.batches()) {
                for (byte[] record : batch.records()) {
                    object.write(record);
                }
            }
            return object.started() ? object.closeForCommit().asBackup() : null;
        } catch (IOException | RuntimeException e) {
            object.abort();
            throw e;
        }
    }
}
