package io.sluice.ingest.replay;

import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * {@code files:PATH}: the records in part files in a new directory PATH, a run of parts per shard
 * ({@code shardId-000000000000-00000.jsonl}, or {@code .parquet}): read in the order of their names, the files give
 * every shard in sequence order, parents before children (a child's index is above its parents'). Written
 * on any Flink file system (a local path, {@code s3a://}, ...; with {@code --rest} the cluster writes it, so PATH must be
 * one the cluster reaches). The job writes into a hidden sibling directory, {@code .NAME.replay-<uuid>}, which
 * {@link #commit} renames to PATH and {@link #abort} deletes: a failed or empty replay leaves no PATH behind.
 */
final class FilesTarget implements ReplayTarget {

    private final Path target;
    private final Path staging;
    private final ReplayFileFormat format;

    FilesTarget(URI target, ReplayFileFormat format) {
        this.target = new Path(target);
        this.staging = new Path(this.target.getParent(), "." + this.target.getName() + ".replay-" + UUID.randomUUID());
        this.format = format;
    }

    @Override
    public void prepare() throws ReplayException {
        try {
            FileSystem fs = target.getFileSystem();
            if (fs.exists(target)) {
                FileStatus status = fs.getFileStatus(target);
                FileStatus[] children = status.isDir() ? fs.listStatus(target) : null;
                if (children == null || children.length > 0) {
                    throw new ReplayException(target + " exists already: files: writes a new directory (or an empty one)");
                }
                fs.delete(target, false);
            }
        } catch (IOException e) {
            throw new ReplayException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void attach(DataStream<ReplayedRecord> records) {
        records.sinkTo(new ReplayFilesSink(staging.toUri(), format)).setParallelism(records.getParallelism()).name("Replay into " + describe()).uid("replay-files");
    }

    @Override
    public void commit(long records) throws ReplayException {
        try {
            FileSystem fs = target.getFileSystem();
            if (!fs.exists(staging)) {
                // Records were written (commit follows only a non-empty replay), but not where this process sees them:
                // a cluster at --rest wrote a path that is local to its TaskManagers.
                throw new ReplayException("The replayed files are not in " + staging + " as this process sees it: with --rest,"
                        + " files:PATH must be a path that the cluster and this machine share (a shared or object-store file system)");
            }
            if (!fs.rename(staging, target)) {
                throw new ReplayException("Could not move " + staging + " to " + target);
            }
        } catch (IOException e) {
            throw new ReplayException("Could not move " + staging + " to " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void abort() {
        try {
            staging.getFileSystem().delete(staging, true);
        } catch (IOException e) {
            // nothing more to do: the hidden staging directory is all that can be left
        }
    }

    @Override
    public String describe() {
        return "files:" + target + (format == ReplayFileFormat.PARQUET ? " (Parquet)" : " (JSON lines)");
    }
}
