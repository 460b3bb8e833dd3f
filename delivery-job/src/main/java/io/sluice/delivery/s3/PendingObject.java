package io.sluice.delivery.s3;

/**
 * An object written whole but not yet visible: what a flush hands to the committer, which makes it
 * visible once the checkpoint that holds the flush completes. {@code token} is the store's own handle
 * on the written bytes (a staging file, an S3 multipart upload); {@code records} and {@code bytes}
 * are what it holds, for metrics; {@code errorOutputType} is {@code null} for delivered data, {@link #BACKUP}
 * for a copy of source records in a backup bucket, or the kind of failure its error documents record (e.g.
 * {@code processing-failed}).
 */
public record PendingObject(
        String deliveryStream, String bucket, String key, byte[] token, long records, long bytes, String errorOutputType) {

    /** The {@code errorOutputType} of a backup of source records (neither delivered data nor error output). */
    public static final String BACKUP = "backup";

    /** An object of delivered data. */
    public PendingObject(String deliveryStream, String bucket, String key, byte[] token, long records, long bytes) {
        this(deliveryStream, bucket, key, token, records, bytes, null);
    }

    /** This object as a backup of source records. */
    public PendingObject asBackup() {
        return asErrorOutput(BACKUP);
    }

    /** This object as error output of the given type. */
    public PendingObject asErrorOutput(String type) {
        return new PendingObject(deliveryStream, bucket, key, token, records, bytes, type);
    }
}
