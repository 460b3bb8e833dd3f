package io.sluice.ingest.replay;

import java.io.IOException;
import java.io.OutputStream;

/** Writes replayed records into one part file in one {@link ReplayFileFormat}; closing it leaves the stream open. */
interface ReplayRecordWriter {

    void write(ReplayedRecord record) throws IOException;

    /** Bytes written so far, buffered ones included (a part is rolled after {@link ReplayFilesSink#PART_BYTES}). */
    long size();

    /** Finishes the part (a Parquet footer, a flush); does not close the stream. */
    void close() throws IOException;

    static ReplayRecordWriter create(ReplayFileFormat format, OutputStream out) throws IOException {
        switch (format) {
            case JSON_LINES:
                return new JsonLinesRecordWriter(out);
            case PARQUET:
                return new ParquetRecordWriter(out);
            default:
                throw new IllegalArgumentException("Unknown format " + format);
        }
    }
}
