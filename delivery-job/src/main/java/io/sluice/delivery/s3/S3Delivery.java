package io.sluice.delivery.s3;

import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.buffer.BufferedBatch;
import io.sluice.delivery.catalog.DeliveryStream;
import io.sluice.delivery.partition.PartitionKeyNames;
import io.sluice.delivery.partition.PartitionKeys;
import io.sluice.delivery.transform.ErrorDocument;
import io.sluice.delivery.transform.RecordProcessing;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Writes one flush of a delivery stream's buffer, the first phase of delivery: its records go through the
 * destination's processors, and what comes out is written as one S3 object under the key AWS would
 * give it (prefix, stream name and version, the oldest record's arrival, a UUID), compressed; with dynamic
 * partitioning, one object per partition (records with the same {@link PartitionKeys}) in the flush. Records
 * that failed go, as error documents, to one object per error output type ({@code processing-failed},
 * {@code partitioning-failed}) under the error output prefix. The objects stay invisible until their
 * {@link PendingObject}s are committed. A flush with nothing to deliver writes no data object.
 */
public final class S3Delivery {

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
        Map<PartitionKeys, LazyObject> data = new LinkedHashMap<>();
        Map<String, LazyObject> errors = new LinkedHashMap<>();
        try {
            processing.run(d.processing(), PartitionKeyNames.of(d), stream.arn(), region, flush.batches(), new RecordProcessing.Output() {
                @Override
                public void ok(byte[] bytes, PartitionKeys partition) throws IOException {
                    data.computeIfAbsent(partition, p -> new LazyObject(stream, () -> ObjectKeys.dataKey(d.dynamicPartitioning().enabled()
                            ? keys.withUuid(UUID.randomUUID().toString()).withPartitionKeys(p) : keys))).write(bytes);
                }

                @Override
                public void failed(String errorOutputType, ErrorDocument error) throws IOException {
                    errors.computeIfAbsent(errorOutputType, type -> new LazyObject(stream,
                            () -> ObjectKeys.errorKey(keys.withUuid(UUID.randomUUID().toString()), type))).write(error.toJsonLine());
                }
            });
            List<PendingObject> objects = new ArrayList<>(data.size() + errors.size());
            for (LazyObject object : data.values()) {
                objects.add(object.closeForCommit());
            }
            for (Map.Entry<String, LazyObject> e : errors.entrySet()) {
                objects.add(e.getValue().closeForCommit().asErrorOutput(e.getKey()));
            }
            return objects;
        } catch (IOException | RuntimeException e) {
            data.values().forEach(LazyObject::abort);
            errors.values().forEach(LazyObject::abort);
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
    private static OutputStream nonClosing(OutputStream out) {
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
