package io.sluice.delivery.s3;

import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.buffer.BufferedBatch;
import io.sluice.delivery.catalog.DeliveryStream;
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
 * ({@code processing-failed}); with {@code S3BackupMode Enabled} the source records also go to the backup
 * bucket ({@link SourceBackup}). The objects stay invisible until their {@link PendingObject}s are
 * committed. A flush with nothing to deliver writes no data object.
 */
public final class S3Delivery {

    static final String PROCESSING_FAILED = "processing-failed";

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
        LazyObject data = new LazyObject(stream, () -> ObjectKeys.dataKey(keys));
        LazyObject errors = new LazyObject(stream, () -> ObjectKeys.errorKey(keys.withUuid(UUID.randomUUID().toString()), PROCESSING_FAILED));
        try {
            processing.run(d.processing(), stream.arn(), region, flush.batches(), new RecordProcessing.Output() {
                @Override
                public void ok(byte[] bytes) throws IOException {
                    data.write(bytes);
                }

                @Override
                public void failed(ErrorDocument error) throws IOException {
                    errors.write(error.toJsonLine());
                }
            });
            List<PendingObject> objects = new ArrayList<>(2);
            if (data.started()) {
                objects.add(data.closeForCommit());
            }
            if (errors.started()) {
                objects.add(errors.closeForCommit().asErrorOutput(PROCESSING_FAILED));
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
            throw e;
        }
    }


    /** An object opened at its first record (so a flush that delivers nothing writes nothing). */
    private final class LazyObject {
        private final DeliveryStream stream;
        /** The object's key, made when its first record is written. */
        private final Supplier<String> key;
        private BucketStore.ObjectWriter writer;
        private OutputStream out;
        private long records;
        private long bytes;

        LazyObject(DeliveryStream stream, Supplier<String> key) {
            this.stream = stream;
            this.key = key;
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

        PendingObject closeForCommit() throws IOException {
            out.close();
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
