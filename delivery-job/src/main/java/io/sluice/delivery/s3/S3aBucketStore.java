package io.sluice.delivery.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.RecoverableFsDataOutputStream;
import org.apache.flink.core.fs.RecoverableWriter;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Buckets on S3 (or any S3-protocol server) through Flink's {@code s3a://} file system (Hadoop S3A,
 * configured by Flink's {@code s3.*} options). An object is a multipart upload that
 * {@link #commit} completes, so it appears whole or not at all; the token is the upload's
 * {@code CommitRecoverable} in the writer's versioned format, and committing it again after a
 * restore is a no-op. Uploads of flushes that a failure took back are never completed: give the
 * bucket a lifecycle rule that aborts incomplete multipart uploads.
 */
final class S3aBucketStore implements BucketStore {

    private final Map<String, RecoverableWriter> writers = new ConcurrentHashMap<>();

    @Override
    public ObjectWriter create(String bucket, String key) throws IOException {
        RecoverableWriter writer = writer(bucket);
        RecoverableFsDataOutputStream out = writer.open(new Path("s3a://" + bucket + "/" + key));
        return new ObjectWriter() {
            @Override
            public OutputStream stream() {
                return out;
            }

            @Override
            public PendingObject closeForCommit(String deliveryStream, long records, long bytes) throws IOException {
                RecoverableWriter.CommitRecoverable recoverable = out.closeForCommit().getRecoverable();
                return new PendingObject(deliveryStream, bucket, key, encode(writer, recoverable), records, bytes);
            }

            @Override
            public void abort() {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // the upload is left incomplete, never visible
                }
            }
        };
    }

    @Override
    public void commit(PendingObject object) throws IOException {
        RecoverableWriter writer = writer(object.bucket());
        writer.recoverForCommit(decode(writer, object.token())).commitAfterRecovery();
    }

    private RecoverableWriter writer(String bucket) throws IOException {
        RecoverableWriter writer = writers.get(bucket);
        if (writer == null) {
            // Flush threads may race here: either writer will do, one is kept.
            writer = FileSystem.get(URI.create("s3a://" + bucket + "/")).createRecoverableWriter();
            RecoverableWriter first = writers.putIfAbsent(bucket, writer);
            return first != null ? first : writer;
        }
        return writer;
    }

    private static byte[] encode(RecoverableWriter writer, RecoverableWriter.CommitRecoverable recoverable) throws IOException {
        SimpleVersionedSerializer<RecoverableWriter.CommitRecoverable> serializer = writer.getCommitRecoverableSerializer();
        byte[] bytes = serializer.serialize(recoverable);
        return ByteBuffer.allocate(4 + bytes.length).putInt(serializer.getVersion()).put(bytes).array();
    }

    private static RecoverableWriter.CommitRecoverable decode(RecoverableWriter writer, byte[] token) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(token);
        int version = buffer.getInt();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return writer.getCommitRecoverableSerializer().deserialize(version, bytes);
    }

    @Override
    public void close() {
        writers.clear();
    }
}
