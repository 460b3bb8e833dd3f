package io.sluice.delivery.s3;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Buckets as the delivery job writes to them, in two phases: {@link #create} writes an object that no
 * reader sees yet, {@link #commit} makes it visible under its key. Commit is idempotent, so a
 * committer that restarts from a checkpoint may repeat it.
 */
public interface BucketStore extends Closeable {

    /** An object being written: its bytes go to {@link #stream()}; {@link #closeForCommit()} seals them. */
    interface ObjectWriter {
        OutputStream stream();

        /** Closes the stream and returns the handle to commit; nothing is visible yet. */
        PendingObject closeForCommit(String deliveryStream, long records, long bytes) throws IOException;

        /** Gives up on the object (a failed write): what was written is removed where the store can. */
        void abort();
    }

    /** Starts an object that {@link #commit} will make visible as {@code key} in {@code bucket}. */
    ObjectWriter create(String bucket, String key) throws IOException;

    /** Makes a written object visible; committing an object that is already visible does nothing. */
    void commit(PendingObject object) throws IOException;
}
