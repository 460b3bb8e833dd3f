package io.sluice.ingest.embedded;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.checkpoint.CheckpointProperties;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.state.filesystem.AbstractFsCheckpointStorageAccess;
import org.apache.flink.runtime.state.filesystem.FsCompletedCheckpointStorageLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A savepoint the embedded run is told to start from, copied under the data directory so that the run restores the copy
 * and the user's savepoint stays whole (see {@link SluiceEmbedded#restoreSettings}). A savepoint is self-contained and
 * relocatable ({@code _metadata} names its files relative to itself), so the files of its directory are all there is to
 * copy. A retained checkpoint is neither (its {@code _metadata} points into the {@code shared/} directory beside it) and
 * is restored where it is.
 */
final class SavepointCopy {

    private static final Logger LOG = LoggerFactory.getLogger(SavepointCopy.class);

    private SavepointCopy() {}

    /**
     * The snapshot to restore for {@code pointer} (a savepoint or checkpoint directory, or its {@code _metadata}): for a
     * savepoint, a fresh copy in {@code <copies>/<its directory name>} (one left by an earlier start is replaced); for
     * anything else, {@code pointer} itself.
     */
    static String adopt(String pointer, java.nio.file.Path copies) throws IOException {
        FsCompletedCheckpointStorageLocation location = AbstractFsCheckpointStorageAccess.resolveCheckpointPointer(pointer);
        if (!isSavepoint(location)) {
            return pointer;
        }
        Path from = location.getExclusiveCheckpointDir();
        Path to = new Path(copies.resolve(from.getName()).toUri());
        if (isLocal(from) && java.nio.file.Path.of(from.toUri().getPath()).toAbsolutePath().normalize()
                .equals(copies.resolve(from.getName()).toAbsolutePath().normalize())) {
            return pointer; // the copy itself (as the start-up log names it): copying it onto itself would delete it
        }
        FileSystem source = from.getFileSystem();
        FileSystem target = to.getFileSystem();
        target.delete(to, true);
        target.mkdirs(to);
        for (FileStatus file : source.listStatus(from)) {
            if (file.isDir()) {
                throw new IOException("Savepoint " + from + " holds a directory, " + file.getPath() + "; a savepoint holds files only");
            }
            try (InputStream in = source.open(file.getPath());
                    OutputStream out = target.create(new Path(to, file.getPath().getName()), FileSystem.WriteMode.NO_OVERWRITE)) {
                in.transferTo(out);
            }
        }
        LOG.info("Savepoint {} copied to {}: the run restores the copy and leaves the savepoint as it is", from, to);
        return to.toUri().toString();
    }

    private static boolean isLocal(Path path) {
        String scheme = path.toUri().getScheme();
        return scheme == null || scheme.equals("file");
    }

    private static boolean isSavepoint(FsCompletedCheckpointStorageLocation location) throws IOException {
        try (DataInputStream in = new DataInputStream(location.getMetadataHandle().openInputStream())) {
            CheckpointProperties properties = Checkpoints.loadCheckpointMetadata(in, SavepointCopy.class.getClassLoader(),
                    location.getExternalPointer()).getCheckpointProperties();
            return properties != null && properties.isSavepoint();
        }
    }
}
