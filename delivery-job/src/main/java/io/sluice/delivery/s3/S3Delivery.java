package io.sluice.delivery.s3;

import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.buffer.BufferedBatch;
import io.sluice.delivery.catalog.DeliveryStream;
import io.sluice.delivery.convert.ConversionException;
import io.sluice.delivery.convert.FormatConversion;
import io.sluice.delivery.transform.ErrorDocument;
import io.sluice.delivery.transform.RecordProcessing;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Writes one flush of a delivery stream's buffer, the first phase of delivery: its records go through the
 * destination's processors, and what comes out is written as one S3 object under the key AWS would
 * give it (prefix, stream name and version, the oldest record's arrival, a UUID), compressed; records
 * that failed processing go, as error documents, to one object under the error output prefix
 * ({@code processing-failed}). With format conversion, the processed records are converted into one Parquet or
 * ORC object ({@link FormatConversion}) and those that do not convert go to their own error object
 * ({@code format-conversion-failed}); with {@code S3BackupMode Enabled} the source records also go to the backup
 * bucket ({@link SourceBackup}). The objects stay invisible until their {@link PendingObject}s are
 * committed. A flush with nothing to deliver writes no data object. Everything a call makes is its own, so calls
 * may run on any thread.
 */
public final class S3Delivery {

    static final String PROCESSING_FAILED = "processing-failed";
    static final String FORMAT_CONVERSION_FAILED = "format-conversion-failed";

    private final BucketStore store;
    private final RecordProcessing processing;
    private final String region;
    private final RandomGenerator random;

    public S3Delivery(BucketStore store, RecordProcessing processing, String region, RandomGenerator random) {
        this.store = store;
        this.processing = processing;
        this.region = region;
        this.random = random;
    }

    /** What a flush holds: the batches in arrival order and the oldest arrival. */
    public record Flush(Iterable<BufferedBatch> batches, long oldestArrivalMillis) {}

    /** Writes the flush; returns its objects (data, error output), none of them visible yet. */
    public List<PendingObject> write(DeliveryStream stream, Flush flush) throws IOException {
        S3Destination d = stream.destination();
        KeyContext keys = new KeyContext(d.prefix(), d.errorOutputPrefix(), d.zone(), stream.name(), stream.versionId(),
                Instant.ofEpochMilli(flush.oldestArrivalMillis()), UUID.randomUUID().toString(), d.extension(),
                Map.of(), Map.of(), false, random);
        FormatConversion conversion = d.converting() ? FormatConversion.of(d.conversion()) : null;
        StagedObject data = staged(stream, () -> ObjectKeys.dataKey(keys), conversion);
        // Error documents are JSON lines: with conversion (always UNCOMPRESSED) they get no .parquet or .orc, as in AWS.
        KeyContext errorKeys = conversion == null ? keys : keys.withExtension(d.compressionFormat().extension());
        StagedObject errors = staged(stream, () -> ObjectKeys.errorKey(errorKeys.withUuid(UUID.randomUUID().toString()),
                PROCESSING_FAILED), null);
        StagedObject conversionErrors = staged(stream,
                () -> ObjectKeys.errorKey(errorKeys.withUuid(UUID.randomUUID().toString()), FORMAT_CONVERSION_FAILED), null);
        try {
            processing.run(d.processing(), stream.arn(), region, flush.batches(), new RecordProcessing.Output() {
                @Override
                public void ok(byte[] bytes) throws IOException {
                    ok(bytes, flush.oldestArrivalMillis());
                }

                @Override
                public void ok(byte[] bytes, long arrivalMillis) throws IOException {
                    if (conversion == null) {
                        data.write(bytes);
                        return;
                    }
                    try {
                        data.writeRows(conversion.rows(bytes), bytes.length);
                    } catch (ConversionException e) {
                        conversionErrors.write(conversion.failure(e, bytes, arrivalMillis, processing.clock().millis()).toJsonLine());
                    }
                }

                @Override
                public void failed(ErrorDocument error) throws IOException {
                    errors.write(error.toJsonLine());
                }
            });
            List<PendingObject> objects = new ArrayList<>(3);
            if (data.started()) {
                objects.add(data.closeForCommit());
            }
            if (errors.started()) {
                objects.add(errors.closeForCommit().asErrorOutput(PROCESSING_FAILED));
            }
            if (conversionErrors.started()) {
                objects.add(conversionErrors.closeForCommit().asErrorOutput(FORMAT_CONVERSION_FAILED));
            }
            if (d.backup() != null) {
                PendingObject backup = SourceBackup.write(store, stream, d.backup(), flush, random);
                if (backup != null) {
                    objects.add(backup);
                }
            }
            return objects;
        } catch (IOException | RuntimeException e) {
            data.abort();
            errors.abort();
            conversionErrors.abort();
            throw e;
        }
    }

    private StagedObject staged(DeliveryStream stream, Supplier<String> key, FormatConversion conversion) {
        S3Destination d = stream.destination();
        return new StagedObject(store, stream.name(), d.bucket(), d.compressionFormat(), key, conversion);
    }
}
