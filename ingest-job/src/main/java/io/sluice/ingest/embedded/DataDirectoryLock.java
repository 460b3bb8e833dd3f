package io.sluice.ingest.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One embedded Sluice per data directory: an exclusive OS lock ({@link FileChannel#tryLock()}) on
 * {@code <data-dir>/.lock}, taken before anything under the directory is read or deleted and held until
 * {@link #close()} or the end of the process.
 *
 * <p>The operating system releases the lock when the process ends, however it ends, so a {@code kill -9}
 * leaves no stale lock behind; the file itself stays and is harmless. The holder writes its pid into the
 * file, so that the refusal can say which process holds the directory. Within one JVM a second lock on the
 * same file counts as locked as well.
 *
 * <p>Keep the instance reachable for as long as the directory is used (try-with-resources around the run):
 * an unreachable channel may be closed by its cleaner, and the lock would go with it.
 */
public final class DataDirectoryLock implements AutoCloseable {

    static final String FILE_NAME = ".lock";

    private final FileChannel channel;

    private DataDirectoryLock(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Locks {@code directory} (creating it if needed) for this process.
     *
     * @throws LockedException if another process, or another lock in this JVM, holds it
     */
    public static DataDirectoryLock acquire(Path directory) throws IOException {
        Files.createDirectories(directory);
        FileChannel channel = FileChannel.open(directory.resolve(FILE_NAME),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new LockedException(directory, holder(channel));
            }
            byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(false);
            return new DataDirectoryLock(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Releases the lock (closing the channel releases it). */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    /** The holder's pid as it wrote it, or empty if it has not written it yet. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(20);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
    }

    /** Another running instance holds the data directory. */
    public static final class LockedException extends IOException {

        private static final long serialVersionUID = 1L;

        LockedException(Path directory, String holderPid) {
            super("Data directory " + directory + " is locked by a running Sluice instance"
                    + (holderPid.isEmpty() ? "" : " (pid " + holderPid + ")")
                    + "; stop it first, or give this one another sluice.data-dir.");
        }
    }
}
