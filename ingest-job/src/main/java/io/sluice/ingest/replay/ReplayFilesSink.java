package io.sluice.ingest.replay;

import java.io.IOException;
import java.net.URI;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Writes replayed records into part files of one directory, in arrival order: {@code <shardId>-<n><ext>}, a new part
 * for every shard and after {@link #PART_BYTES} (a shard is read by one subtask, so its parts are one subtask's). No checkpoints are involved (replay is a bounded job that either finishes or is
 * thrown away with its directory, see {@link FilesTarget}).
 */
final class ReplayFilesSink implements Sink<ReplayedRecord> {

    private static final long serialVersionUID = 1L;

    /** Size after which a part file is closed and the next one begun. */
    static final long PART_BYTES = 128L << 20;

    private final URI directory;
    private final ReplayFileFormat format;

    ReplayFilesSink(URI directory, ReplayFileFormat format) {
        this.directory = directory;
        this.format = format;
    }

    @Override
    public SinkWriter<ReplayedRecord> createWriter(WriterInitContext context) throws IOException {
        return new Writer(new Path(directory), format);
    }

    /** One subtask's part files. */
    private static final class Writer implements SinkWriter<ReplayedRecord> {
        private final Path directory;
        private final ReplayFileFormat format;
        private String shardId;
        private int part;
        private FSDataOutputStream stream;
        private ReplayRecordWriter records;

        Writer(Path directory, ReplayFileFormat format) {
            this.directory = directory;
            this.format = format;
        }

        @Override
        public void write(ReplayedRecord record, Context context) throws IOException {
            if (!record.shardId().equals(shardId)) {
                closePart();
                shardId = record.shardId();
                part = 0;
            }
            if (records == null) {
                Path file = new Path(directory, String.format("%s-%05d%s", shardId, part++, format.extension()));
                stream = file.getFileSystem().create(file, FileSystem.WriteMode.NO_OVERWRITE);
                records = ReplayRecordWriter.create(format, stream);
            }
            records.write(record);
            if (records.size() >= PART_BYTES) {
                closePart();
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (endOfInput) {
                closePart();
            }
        }

        @Override
        public void close() throws IOException {
            closePart();
        }

        private void closePart() throws IOException {
            if (records != null) {
                records.close();
                stream.close();
                records = null;
                stream = null;
            }
        }
    }
}
