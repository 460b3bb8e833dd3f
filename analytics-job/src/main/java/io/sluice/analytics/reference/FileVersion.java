package io.sluice.analytics.reference;

import java.io.IOException;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.Path;

/**
 * What tells one version of a reference file from the next: its modification time and length, as the file system
 * reports them ({@code s3a://}: the object's Last-Modified, to the second, and its size).
 */
record FileVersion(long modificationTime, long length) {

    static FileVersion of(Path path) throws IOException {
        FileStatus status = path.getFileSystem().getFileStatus(path);
        if (status.isDir()) {
            throw new IOException(path + " is a directory, not a reference file");
        }
        return new FileVersion(status.getModificationTime(), status.getLen());
    }
}
