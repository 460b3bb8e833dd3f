package io.sluice.ingest.replay;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One JSON object a line: {@code stream}, {@code shardId}, {@code sequenceNumber}, {@code subSequenceNumber},
 * {@code partitionKey}, {@code explicitHashKey} (only when a KPL aggregate carried one), {@code arrivalTime} (epoch
 * milliseconds) and {@code data} (base64).
 */
final class JsonLinesRecordWriter implements ReplayRecordWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private final CountingStream counted;
    private final JsonGenerator json;

    JsonLinesRecordWriter(OutputStream out) throws IOException {
        // Jackson hands over 8 KB at a time; a part file is up to 128 MiB, so write it in 1 MiB calls.
        counted = new CountingStream(new BufferedOutputStream(out, 1 << 20));
        json = JSON.createGenerator(counted, JsonEncoding.UTF8).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
    }

    @Override
    public void write(ReplayedRecord r) throws IOException {
        json.writeStartObject();
        json.writeStringField("stream", r.stream());
        json.writeStringField("shardId", r.shardId());
        json.writeStringField("sequenceNumber", r.sequenceNumber());
        json.writeNumberField("subSequenceNumber", r.subSequenceNumber());
        json.writeStringField("partitionKey", r.partitionKey());
        if (r.explicitHashKey() != null) {
            json.writeStringField("explicitHashKey", r.explicitHashKey());
        }
        json.writeNumberField("arrivalTime", r.arrivalTime());
        json.writeFieldName("data");
        json.writeBinary(r.data());
        json.writeEndObject();
    }

    @Override
    public long size() {
        return counted.count + json.getOutputBuffered();
    }

    @Override
    public void close() throws IOException {
        json.writeRaw('\n');
        json.close();
    }

    /** Counts what passes into the part file. */
    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            flush(); // the part file is closed by its sink writer
        }
    }
}
