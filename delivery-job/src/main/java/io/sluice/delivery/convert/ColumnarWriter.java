package io.sluice.delivery.convert;

import java.io.IOException;

/** Writes rows of a Glue table (as {@link JsonRecordReader} reads them) into one Parquet or ORC object. */
public interface ColumnarWriter {

    void write(Object[] row) throws IOException;

    /** Finishes the object (footer included); the stream it writes to is left open. */
    void close() throws IOException;
}
