package io.sluice.common.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * Writes reply bodies in the request's format. Blobs go through {@link JsonGenerator#writeBinary}
 * (base64 in JSON, a byte string in CBOR); timestamps through {@link #timestamp}.
 */
public final class ReplyWriter {

    /** The body of a reply, written member by member. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private ReplyWriter() {}

    /** Encodes one structure: {@code body} writes its members between the braces. */
    public static byte[] write(WireFormat format, Body body) {
        return write(format, 256, body);
    }

    /**
     * As {@link #write(WireFormat, Body)}, into a buffer of {@code expectedBytes} to start with: a large reply (a
     * GetRecords answer of megabytes) is then not copied again and again as the buffer grows.
     */
    public static byte[] write(WireFormat format, int expectedBytes, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(expectedBytes, 64));
        try (JsonGenerator g = format.mapper().getFactory().createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The AWS error body {@code {"__type": ..., "message": ...}}. */
    public static byte[] error(WireFormat format, String type, String message) {
        return write(
                format,
                g -> {
                    g.writeStringField("__type", type);
                    g.writeStringField("message", message);
                });
    }

    /**
     * Writes a timestamp member: epoch seconds with millisecond fraction in JSON; CBOR tag 1 with an
     * integer of epoch milliseconds in CBOR (what the AWS SDK for Java v2 reads).
     */
    public static void timestamp(JsonGenerator g, String field, long epochMillis) throws IOException {
        g.writeFieldName(field);
        if (g instanceof CBORGenerator cbor) {
            cbor.writeTag(1);
            cbor.writeNumber(epochMillis);
        } else {
            g.writeNumber(BigDecimal.valueOf(epochMillis, 3));
        }
    }
}
