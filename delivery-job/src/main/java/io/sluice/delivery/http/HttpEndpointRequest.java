package io.sluice.delivery.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sluice.delivery.api.HttpEndpointDestination.CommonAttribute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The body of one request to an HTTP endpoint, as AWS specifies it ("HTTP endpoint delivery request and response
 * specifications"): {@code {"requestId": ..., "timestamp": <ms>, "records": [{"data": <base64>}, ...]}}, with the same
 * request id as the {@code X-Amz-Firehose-Request-Id} header, and at most {@link #MAX_RECORDS} records in at most
 * {@link #MAX_BODY_BYTES} bytes before compression.
 */
public record HttpEndpointRequest(String requestId, long timestampMillis, List<byte[]> records) {

    /** Most records in one request. */
    public static final int MAX_RECORDS = 10_000;
    /** Largest body before compression: 64 MiB. */
    public static final long MAX_BODY_BYTES = 64L * 1024 * 1024;
    /** What the body holds besides its records (braces, names, a UUID and a 13-digit timestamp), with room to spare. */
    static final int ENVELOPE_BYTES = 128;

    private static final JsonFactory JSON = new JsonFactory();

    /** Bytes that a record of {@code dataLength} bytes takes in the body: {@code {"data":"<base64>"},}. */
    public static long bytesInBody(int dataLength) {
        return 4L * ((dataLength + 2) / 3) + 12;
    }

    /** The JSON body. */
    public byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ENVELOPE_BYTES + records.size() * 16);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("requestId", requestId);
            g.writeNumberField("timestamp", timestampMillis);
            g.writeArrayFieldStart("records");
            for (byte[] data : records) {
                g.writeStartObject();
                g.writeFieldName("data");
                g.writeBinary(data); // base64, standard alphabet with padding
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The value of {@code X-Amz-Firehose-Common-Attributes}: {@code {"commonAttributes":{"name":"value",...}}}. */
    public static String commonAttributesHeader(List<CommonAttribute> attributes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("commonAttributes");
            for (CommonAttribute a : attributes) {
                g.writeStringField(a.name(), a.value());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code body} GZIP-compressed ({@code ContentEncoding GZIP}). */
    public static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
