package io.sluice.delivery.s3;

import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.buffer.BufferedBatch;
import io.sluice.delivery.catalog.DeliveryStream;
import io.sluice.delivery.convert.ColumnarWriter;
import io.sluice.delivery.convert.ConversionException;
import io.sluice.delivery.convert.FormatConversion;
import io.sluice.delivery.transform.ErrorDocument;
import io.sluice.delivery.transform.RecordProcessing;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
        LazyObject data = new LazyObject(stream, () -> ObjectKeys.dataKey(keys), conversion);
        // Error documents are JSON lines: with conversion (always UNCOMPRESSED) they get no .parquet or .orc, as in AWS.
        KeyContext errorKeys = conversion == null ? keys : keys.withExtension(d.compressionFormat().extension());
        LazyObject errors = new LazyObject(stream, () -> ObjectKeys.errorKey(errorKeys.withUuid(UUID.randomUUID().toString()),
                PROCESSING_FAILED), null);
        LazyObject conversionErrors = new LazyObject(stream,
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


    /**
     * An object opened at its first record (so a flush that delivers nothing writes nothing): compressed bytes, or
     * with a {@link FormatConversion} the rows of one Parquet or ORC file.
     */
    private final class LazyObject {
        private final DeliveryStream stream;
        /** The object's key, made when its first record is written. */
        private final Supplier<String> key;
        private final FormatConversion conversion;
        private BucketStore.ObjectWriter writer;
        private OutputStream out;
        private ColumnarWriter rows;
        private long records;
        private long bytes;

        LazyObject(DeliveryStream stream, Supplier<String> key, FormatConversion conversion) {
            this.stream = stream;
            this.key = key;
            this.conversion = conversion;
        }

        boolean started() {
            return writer != null;
        }

        void write(byte[] record) throws IOException {
            if (writer == null) {
                writer = store.create(stream.destination().bucket(), key.get());
                // AWS names a ZIP object's one entry with a fresh UUID, unrelated to the key.
                out = stream.destination().compressionFormat().wrap(nonClosing(writer.stream()), UUID.randomUUID().toString());
            }
            out.write(record);
            records++;
            bytes += record.length;
        }

        /** The rows of one converted record ({@code recordBytes} long before conversion). */
        void writeRows(List<Object[]> recordRows, int recordBytes) throws IOException {
            if (writer == null) {
                writer = store.create(stream.destination().bucket(), key.get());
                rows = conversion.open(nonClosing(writer.stream()));
            }
            for (Object[] row : recordRows) {
                rows.write(row);
            }
            records++;
            bytes += recordBytes;
        }

        PendingObject closeForCommit() throws IOException {
            if (rows != null) {
                rows.close();
            } else {
                out.close();
            }
            return writer.closeForCommit(stream.name(), records, bytes);
        }

        void abort() {
            if (writer != null) {
                writer.abort();
            }
        }
    }

    /** The compressor's close finishes its format; the store's stream is closed by closeForCommit. */
    static OutputStream nonClosing(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
