package io.sluice.delivery.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One object of a flush in a given bucket, compressed as given, opened at its first record (so a flush that
 * puts nothing in it writes nothing) and made visible only when its {@link PendingObject} is committed. The S3
 * side of delivery writes error output and backups with it. One per object and thread; not thread-safe.
 */
public final class StagedObject {

    private final BucketStore store;
    private final String deliveryStream;
    private final String bucket;
    private final CompressionFormat compression;
    /** The object's key, made when its first record is written. */
    private final Supplier<String> key;
    private BucketStore.ObjectWriter writer;
    private OutputStream out;
    private long records;
    private long bytes;

    public StagedObject(BucketStore store, String deliveryStream, String bucket, CompressionFormat compression, Supplier<String> key) {
        this.store = store;
        this.deliveryStream = deliveryStream;
        this.bucket = bucket;
        this.compression = compression;
        this.key = key;
    }

    public boolean started() {
        return writer != null;
    }

    public void write(byte[] record) throws IOException {
        if (writer == null) {
            writer = store.create(bucket, key.get());
            // AWS names a ZIP object's one entry with a fresh UUID, unrelated to the key.
            out = compression.wrap(S3Delivery.nonClosing(writer.stream()), UUID.randomUUID().toString());
        }
        out.write(record);
        records++;
        bytes += record.length;
    }

    /** Finishes the compression and seals the object; nothing is visible yet. Call only once {@link #started()}. */
    public PendingObject closeForCommit() throws IOException {
        out.close();
        return writer.closeForCommit(deliveryStream, records, bytes);
    }

    /** Gives up on the object, if it was started. */
    public void abort() {
        if (writer != null) {
            writer.abort();
        }
    }
}
