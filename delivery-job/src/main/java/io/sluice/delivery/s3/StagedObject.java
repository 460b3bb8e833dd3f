package io.sluice.delivery.s3;

import io.sluice.delivery.convert.ColumnarWriter;
import io.sluice.delivery.convert.FormatConversion;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One object of a flush in a given bucket, opened at its first record (so a flush that puts nothing in it writes
 * nothing) and made visible only when its {@link PendingObject} is committed: records' bytes compressed as given,
 * or, with a {@link FormatConversion}, the rows of one Parquet or ORC file. Delivery writes data, error output and
 * backups with it. One per object and thread; not thread-safe.
 */
public final class StagedObject {

    private final BucketStore store;
    private final String deliveryStream;
    private final String bucket;
    private final CompressionFormat compression;
    /** The object's key, made when its first record is written. */
    private final Supplier<String> key;
    private final FormatConversion conversion;
    private final int deflateLevel;
    private BucketStore.ObjectWriter writer;
    private OutputStream out;
    private ColumnarWriter rows;
    private long records;
    private long bytes;

    public StagedObject(BucketStore store, String deliveryStream, String bucket, CompressionFormat compression, Supplier<String> key,
            int deflateLevel) {
        this(store, deliveryStream, bucket, compression, key, null, deflateLevel);
    }

    /**
     * An object of converted rows ({@code conversion} not null), or of bytes compressed as given ({@code GZIP} and
     * {@code ZIP} at {@code deflateLevel}).
     */
    public StagedObject(BucketStore store, String deliveryStream, String bucket, CompressionFormat compression, Supplier<String> key,
            FormatConversion conversion, int deflateLevel) {
        this.store = store;
        this.deliveryStream = deliveryStream;
        this.bucket = bucket;
        this.compression = compression;
        this.key = key;
        this.conversion = conversion;
        this.deflateLevel = deflateLevel;
    }

    public boolean started() {
        return writer != null;
    }

    public void write(byte[] record) throws IOException {
        if (writer == null) {
            writer = store.create(bucket, key.get());
            // AWS names a ZIP object's one entry with a fresh UUID, unrelated to the key.
            out = compression.wrap(nonClosing(writer.stream()), UUID.randomUUID().toString(), deflateLevel);
        }
        out.write(record);
        records++;
        bytes += record.length;
    }

    /** The rows of one converted record ({@code recordBytes} long before conversion). */
    public void writeRows(List<Object[]> recordRows, int recordBytes) throws IOException {
        if (writer == null) {
            writer = store.create(bucket, key.get());
            rows = conversion.open(nonClosing(writer.stream()));
        }
        for (Object[] row : recordRows) {
            rows.write(row);
        }
        records++;
        bytes += recordBytes;
    }

    /** Finishes the compression and seals the object; nothing is visible yet. Call only once {@link #started()}. */
    public PendingObject closeForCommit() throws IOException {
        if (rows != null) {
            rows.close();
        } else {
            out.close();
        }
        return writer.closeForCommit(deliveryStream, records, bytes);
    }

    /** Gives up on the object, if it was started. */
    public void abort() {
        if (writer != null) {
            writer.abort();
        }
    }

    /** The compressor's or writer's close finishes its format; the store's stream is closed by closeForCommit. */
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
