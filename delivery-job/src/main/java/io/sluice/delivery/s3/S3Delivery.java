package io.sluice.delivery.s3;

import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.buffer.BufferedBatch;
import io.sluice.delivery.catalog.DeliveryStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Writes one flush of a delivery stream's buffer as one S3 object, the first phase of delivery: the
 * key AWS would give it (prefix, stream name and version, the oldest record's arrival, a UUID), the
 * records' bytes in arrival order, compressed. The object stays invisible until its
 * {@link PendingObject} is committed.
 */
public final class S3Delivery {

    private final BucketStore store;
    private final RandomGenerator random;

    public S3Delivery(BucketStore store, RandomGenerator random) {
        this.store = store;
        this.random = random;
    }

    /** What a flush holds: the batches in arrival order, the oldest arrival, and the totals. */
    public record Flush(Iterable<BufferedBatch> batches, long oldestArrivalMillis, long records, long bytes) {}

    public PendingObject write(DeliveryStream stream, Flush flush) throws IOException {
        S3Destination d = stream.destination();
        String key = ObjectKeys.dataKey(new KeyContext(d.prefix(), d.errorOutputPrefix(), d.zone(), stream.name(),
                stream.versionId(), Instant.ofEpochMilli(flush.oldestArrivalMillis()), UUID.randomUUID().toString(), d.extension(),
                Map.of(), Map.of(), false, random));
        BucketStore.ObjectWriter writer = store.create(d.bucket(), key);
        try {
            // AWS names a ZIP object's one entry with a fresh UUID, unrelated to the key.
            try (OutputStream out = d.compressionFormat().wrap(nonClosing(writer.stream()), UUID.randomUUID().toString())) {
                for (BufferedBatch batch : flush.batches()) {
                    for (byte[] record : batch.records()) {
                        out.write(record);
                    }
                }
            }
            return writer.closeForCommit(stream.name(), flush.records(), flush.bytes());
        } catch (IOException | RuntimeException e) {
            writer.abort();
            throw e;
        }
    }

    /** The compressor's close finishes its format; the store's stream is closed by closeForCommit. */
    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
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
