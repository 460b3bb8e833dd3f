package io.sluice.delivery.s3;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Buckets as directories: bucket NAME is {@code <root>/NAME/} and an object's key is its path below
 * it. Objects are written in {@code <root>-staging/} (outside every bucket, so a listing never shows
 * a partial object) and moved into place atomically on commit.
 */
final class LocalBucketStore implements BucketStore {

    private final Path root;
    private final Path staging;

    LocalBucketStore(Path root) throws IOException {
        this.root = root.toAbsolutePath();
        this.staging = this.root.resolveSibling(this.root.getFileName() + "-staging");
        Files.createDirectories(this.root);
        Files.createDirectories(staging);
    }

    @Override
    public ObjectWriter create(String bucket, String key) throws IOException {
        Path file = staging.resolve(UUID.randomUUID().toString());
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
        return new ObjectWriter() {
            @Override
            public OutputStream stream() {
                return out;
            }

            @Override
            public PendingObject closeForCommit(String deliveryStream, long records, long bytes) throws IOException {
                out.close();
                return new PendingObject(deliveryStream, bucket, key, file.toString().getBytes(StandardCharsets.UTF_8), records, bytes);
            }

            @Override
            public void abort() {
                try {
                    out.close();
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover staging file is garbage, never visible
                }
            }
        };
    }

    @Override
    public void commit(PendingObject object) throws IOException {
        Path staged = Path.of(new String(object.token(), StandardCharsets.UTF_8));
        Path target = objectPath(object.bucket(), object.key());
        Files.createDirectories(target.getParent());
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            if (!Files.exists(target)) {
                throw new IOException("Object " + object.key() + " of bucket " + object.bucket()
                        + " is neither staged nor committed: " + staged, e);
            }
            // committed before (a committer restored from a checkpoint repeats its commits)
        }
    }

    private Path objectPath(String bucket, String key) throws IOException {
        Path bucketDir = root.resolve(bucket).normalize();
        Path target = bucketDir.resolve(key).normalize();
        if (!bucketDir.startsWith(root) || !target.startsWith(bucketDir) || target.equals(bucketDir)) {
            throw new IOException("Key " + key + " of bucket " + bucket + " leaves the bucket's directory");
        }
        return target;
    }

    @Override
    public void close() {}
}
