package io.sluice.delivery.convert;

import io.sluice.delivery.api.DataFormatConversion;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The format conversion of one flush: reads records into rows ({@link JsonRecordReader}) and opens the Parquet or ORC
 * writer of an object. Made per flush and used by one thread only: nothing in it is shared between flushes, so flushes
 * may run on any thread.
 */
public final class FormatConversion {

    private final DataFormatConversion config;
    private final JsonRecordReader reader;

    private FormatConversion(DataFormatConversion config) {
        this.config = config;
        this.reader = new JsonRecordReader(config);
    }

    /** The conversion a destination asks for, or null when it converts nothing. */
    public static FormatConversion of(DataFormatConversion config) {
        return config == null || !config.active() ? null : new FormatConversion(config);
    }

    /** The rows of one record; {@link ConversionException} if it does not convert. */
    public List<Object[]> rows(byte[] record) throws ConversionException {
        return reader.read(record);
    }

    /** A writer of one converted object into {@code out} (left open when the writer closes). */
    public ColumnarWriter open(OutputStream out) throws IOException {
        return config.parquet() != null
                ? new ParquetObjectWriter(config.columns(), config.parquet(), out)
                : new OrcObjectWriter(config.columns(), config.orc(), out);
    }

    /** What a record that failed conversion becomes under the error output prefix. */
    public ConversionErrorDocument failure(ConversionException e, byte[] record, long arrivalMillis, long endedMillis) {
        return new ConversionErrorDocument(1, arrivalMillis, e.code(), e.getMessage(), endedMillis, record, null, null, config.schema());
    }
}
